using Spectre.Console;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// How an expected failure is reported: one line on standard error, <c>workflow-trace: </c> and the reason as plain
/// text (never parsed as markup: Elasticsearch's reasons are full of <c>[brackets]</c>), with the usage hint when the
/// arguments were at fault; the exit code is returned for the caller to return.
/// </summary>
static class CliErrors
{
    /// <summary>Where to look when the arguments of <paramref name="command"/> (e.g. <c>template show</c>; null when not known) were wrong.</summary>
    public static string UsageHint(string? command) => $"(see 'workflow-trace {command ?? "<command>"} --help' for its options and examples)";

    public static int Report(TextWriter error, Exception failure, int exitCode, string? command = null) => Report(error, MessageOf(failure), exitCode, command);

    public static int Report(TextWriter error, string message, int exitCode, string? command = null)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        error.WriteLine(exitCode == ExitCodes.BadArguments ? $"workflow-trace: {line} {UsageHint(command)}" : $"workflow-trace: {line}");
        return exitCode;
    }

    /// <summary>The command as typed, branch included: <c>template show</c> from <c>template show --json</c>.</summary>
    public static string CommandPath(Spectre.Console.Cli.CommandContext context) =>
        string.Join(' ', context.Arguments.TakeWhile(a => a != context.Name).Append(context.Name));

    /// <summary>Spectre's own messages may carry markup; anything else is shown as it is.</summary>
    public static string WithoutMarkup(string message)
    {
        try
        {
            return Markup.Remove(message);
        }
        catch (InvalidOperationException)
        {
            return message;
        }
    }

    /// <summary>The message, without the " (Parameter 'x')" .NET appends to an argument's (the message names it already).</summary>
    static string MessageOf(Exception failure)
    {
        if (failure is ArgumentException { ParamName: { } parameter } argument)
        {
            var suffix = $" (Parameter '{parameter}')";
            if (argument.Message.EndsWith(suffix, StringComparison.Ordinal))
                return argument.Message[..^suffix.Length];
        }

        // A --config file that is not JSON: the parser's own reason (line and position) is in the inner exception.
        if (failure is InvalidDataException { InnerException: { } reason })
            return $"--config: {failure.Message} {reason.Message}";
        return failure.Message;
    }
}
