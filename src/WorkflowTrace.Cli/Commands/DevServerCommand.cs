using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace dev-server</c>: serves the in-memory Elasticsearch-compatible server on a loopback port until
/// Ctrl+C, so the sink, the samples and the tool can be tried without a cluster. It says plainly what it is.
/// </summary>
sealed class DevServerCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<DevServerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DevServerSettings settings, CancellationToken cancellationToken)
    {
        Serilog.Sinks.WorkflowTrace.TestServer.FakeElasticsearch server;
        try
        {
            server = await InMemoryServer.StartAsync(settings.Port);
        }
        catch (InvalidOperationException failure)
        {
            await environment.Error.WriteLineAsync($"workflow-trace: {failure.Message}");
            return ExitCodes.Failed;
        }

        await using (server)
        {
            var url = InMemoryServer.UrlOf(server);
            InMemoryServer.WriteLabel(console, "workflow-trace dev-server: ");
            console.MarkupLine($"Listening on [bold]{Markup.Escape(url)}[/]");
            console.WriteLine();
            console.MarkupLine("Point the tool and the sink at it:");
            console.MarkupLine($"  export WORKFLOWTRACE_ES_URL={Markup.Escape(url)}");
            console.MarkupLine("  workflow-trace demo            [grey]# trace a sample workflow and show it[/]");
            console.MarkupLine("  workflow-trace runs            [grey]# what has been traced so far[/]");
            console.MarkupLine($"  .WriteTo.WorkflowTrace(hosts: \"{Markup.Escape(url)}\")   [grey]# in your application[/]");
            console.WriteLine();
            console.MarkupLine("Press [bold]Ctrl+C[/] to stop (and lose everything it holds).");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how this command ends.
            }

            console.MarkupLine($"Stopped: {server.DocumentCount} document(s) discarded.");
        }

        return ExitCodes.Success;
    }
}
