using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace mapping</c>: each trace index's mapping in force against the field contract. Exits
/// <see cref="ExitCodes.MappingDrift"/> when any index drifts, so a script or CI step can check it.
/// </summary>
sealed class MappingCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ListingSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ListingSettings settings, CancellationToken cancellationToken)
    {
        var reports = await WithStatusAsync("Reading the mappings…", () => reader.CheckMappingsAsync(cancellationToken));
        var drifting = reports.Count(r => !r.MatchesContract);
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(reports, CliJson.Options));
            return drifting == 0 ? ExitCodes.Success : ExitCodes.MappingDrift;
        }

        if (reports.Count == 0)
        {
            Console.MarkupLine($"No trace index matches '{Markup.Escape(reader.Index)}' yet: nothing to check.");
            return ExitCodes.Success;
        }

        foreach (var report in reports)
            MappingView.Write(Console, report);
        if (drifting == 0)
            return ExitCodes.Success;

        Console.MarkupLine(
            $"[red]{drifting} of {reports.Count} {(reports.Count == 1 ? "index drifts" : "indices drift")} from the contract.[/] A field mapped otherwise cannot be changed in place: " +
            "install the sink's template (workflow-trace template install) so that the next index is right, and reindex or let the old ones age out.");
        return ExitCodes.MappingDrift;
    }
}
