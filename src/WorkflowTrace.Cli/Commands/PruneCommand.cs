using System.Globalization;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace prune --older-than 30d [--yes]</c>: the whole trace indices whose newest entry is older than the
/// age; lists them, and deletes exactly those only with <c>--yes</c>. A fixed index is never pruned (the reader refuses).
/// </summary>
sealed class PruneCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<PruneSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, PruneSettings settings, CancellationToken cancellationToken)
    {
        var cutOff = settings.CutOff(DateTimeOffset.UtcNow);
        var result = await WithStatusAsync(settings.Yes ? "Deleting old trace indices…" : "Finding old trace indices…",
            () => reader.PruneAsync(cutOff, settings.Yes, cancellationToken));
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { olderThan = cutOff, result.Deleted, result.Indices }, CliJson.Options));
            return ExitCodes.Success;
        }

        var when = cutOff.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (result.Indices.Count == 0)
        {
            Console.MarkupLine($"No trace index of '{Markup.Escape(reader.Index)}' has its newest entry before {when}: nothing to prune.");
            return ExitCodes.Success;
        }

        Console.Write(IndexTable.Build(result.Indices));
        var count = $"{result.Indices.Count} {(result.Indices.Count == 1 ? "index" : "indices")}";
        var documents = result.Indices.Sum(i => i.Documents).ToString("N0", CultureInfo.InvariantCulture);
        Console.MarkupLine(result.Deleted
            ? $"[red]Deleted[/] {count} ({documents} documents) whose newest entry is before {when}."
            : $"Would delete {count} ({documents} documents) whose newest entry is before {when}. Nothing was deleted: run again with --yes to delete them.");
        return ExitCodes.Success;
    }
}
