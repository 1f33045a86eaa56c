using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace runs</c>: runs, most recent first, filtered, at most <c>--limit</c> of them. The listing stops
/// reading once it has them (leaving the enumeration closes the reader's point in time).
/// </summary>
sealed class RunsCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<RunsSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, RunsSettings settings, CancellationToken cancellationToken)
    {
        var filter = settings.Filter(DateTimeOffset.UtcNow);
        var runs = await WithStatusAsync("Listing runs…", () => TakeAsync(reader.ListRunsAsync(filter, cancellationToken), settings.Limit));
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(runs, CliJson.Options));
            return ExitCodes.Success;
        }

        if (runs.Count == 0)
        {
            Console.MarkupLine("[grey]No runs match.[/]");
            return ExitCodes.Success;
        }

        Console.Write(RunTable.Render(runs));
        return ExitCodes.Success;
    }

    /// <summary>The first <paramref name="limit"/> runs; leaving the loop early disposes the enumerator.</summary>
    static async Task<List<RunSummary>> TakeAsync(IAsyncEnumerable<RunSummary> runs, int limit)
    {
        var taken = new List<RunSummary>(Math.Min(limit, 1_000));
        await foreach (var run in runs)
        {
            taken.Add(run);
            if (taken.Count >= limit) break;
        }

        return taken;
    }
}
