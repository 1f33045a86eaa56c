using System.Net;
using System.Net.Sockets;
using Spectre.Console.Testing;
using WorkflowTrace.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>Runs a command that serves until cancelled (<c>dev-server</c>) in-process, does something while it serves, then presses Ctrl+C.</summary>
static class DevServerRun
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Starts <paramref name="args"/>, waits until its output contains <paramref name="ready"/> (or it ends), runs
    /// <paramref name="whileServing"/>, then cancels it as Ctrl+C does and returns what it printed and returned.
    /// </summary>
    public static async Task<CliResult> RunAsync(string ready, Func<Task> whileServing, params string[] args)
    {
        var console = new TestConsole().Width(160);
        console.Profile.Capabilities.Ansi = false;
        console.Profile.Capabilities.Interactive = false;
        var error = new StringWriter();
        var environment = new CliEnvironment(new Dictionary<string, string?>(), TestContext.CurrentContext.WorkDirectory, error);
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var running = CliApp.Create(console, environment).RunAsync(args, ctrlC.Token);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!running.IsCompleted && !Snapshot(console).Contains(ready, StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(50);
        if (!running.IsCompleted)
        {
            Assert.That(Snapshot(console), Does.Contain(ready), "the command did not get ready");
            await whileServing();
            await ctrlC.CancelAsync();
        }

        var exitCode = await running;
        return new CliResult(exitCode, console.Output, error.ToString());
    }

    static string Snapshot(TestConsole console)
    {
        lock (console)
            return console.Output;
    }
}
