using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// A command that reads through a <see cref="WorkflowTraceReader"/>: resolves the connection, runs, and turns every
/// expected failure into one clear line on standard error and its own exit code — never a stack trace.
/// </summary>
abstract class ReaderCommand<TSettings>(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : ConnectionSettings
{
    protected IAnsiConsole Console { get; } = console;

    protected CliEnvironment Environment { get; } = environment;

    /// <summary>Standard error, where failures and <c>--verbose</c> go.</summary>
    protected TextWriter Error => Environment.Error;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var (options, _) = ConnectionResolver.Resolve(settings, Environment);
            using var reader = new WorkflowTraceReader(options, ReaderOptions(settings),
                settings.Verbose ? transport => new VerboseTransport(transport, Error) : null);
            return await ExecuteAsync(reader, options, settings, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception failure) when (ExitCodeOf(failure) is { } exitCode)
        {
            return CliErrors.Report(Error, failure, exitCode, CliErrors.CommandPath(context));
        }
    }

    /// <summary>The command's work; <paramref name="options"/> is the effective connection (for commands that also write).</summary>
    protected abstract Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, TSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> with a spinner saying <paramref name="status"/> when a person watches (an
    /// interactive terminal); without one when output is redirected, so that nothing but the data reaches it.
    /// </summary>
    protected Task<T> WithStatusAsync<T>(string status, Func<Task<T>> work) =>
        Console.Profile.Capabilities.Interactive ? Console.Status().StartAsync(status, _ => work()) : work();

    /// <summary>How to read; defaults unless a command needs otherwise.</summary>
    protected virtual WorkflowTraceReaderOptions ReaderOptions(TSettings settings) => new()
    {
        OnMalformedDocument = malformed => Error.WriteLine($"workflow-trace: skipped document {malformed.Id} in {malformed.Index}: {malformed.Reason}"),
    };

    /// <summary>The exit code of an expected failure; null for a defect, which is left to surface.</summary>
    public static int? ExitCodeOf(Exception failure) => failure switch
    {
        TraceNotFoundException => ExitCodes.NotFound,
        TraceIndexMissingException => ExitCodes.IndexMissing,
        TraceClusterUnreachableException => ExitCodes.CannotConnect,
        TraceAccessDeniedException => ExitCodes.AccessDenied,
        TraceSearchTimeoutException => ExitCodes.Timeout,
        TraceReadException => ExitCodes.Failed,
        // Settings the sink refuses, a --config file that is not JSON, a server without a feature the settings ask for.
        ArgumentException or InvalidOperationException or FormatException or InvalidDataException or NotSupportedException => ExitCodes.BadArguments,
        _ => null,
    };
}
