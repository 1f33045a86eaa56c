using Spectre.Console.Testing;
using WorkflowTrace.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>What one run of the tool printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output as rendered, colours off, 160 columns.</param>
/// <param name="Error">Standard error.</param>
sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the tool in-process as a person or a script would, with a test console and given environment variables.</summary>
static class CliRun
{
    /// <summary>Runs <paramref name="args"/>; <paramref name="url"/>, when given, is set as WORKFLOWTRACE_ES_URL.</summary>
    public static async Task<CliResult> RunAsync(string? url, params string[] args) =>
        await RunAsync(url is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["WORKFLOWTRACE_ES_URL"] = url }, args);

    /// <summary>Runs <paramref name="args"/> until done or <paramref name="cancellationToken"/> (the tool's Ctrl+C) is cancelled.</summary>
    public static Task<CliResult> RunAsync(string url, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(new Dictionary<string, string?> { ["WORKFLOWTRACE_ES_URL"] = url }, cancellationToken, args);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> variables, params string[] args) =>
        RunAsync(variables, CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken, params string[] args)
    {
        var console = new TestConsole().Width(160);
        console.Profile.Capabilities.Ansi = false;
        console.Profile.Capabilities.Interactive = false;
        var error = new StringWriter();
        var environment = new CliEnvironment(variables, TestContext.CurrentContext.WorkDirectory, error);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var exitCode = await CliApp.Create(console, environment).RunAsync(args, timeout.Token);
        return new CliResult(exitCode, console.Output, error.ToString());
    }
}
