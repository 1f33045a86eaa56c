using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>workflow-trace indices</c>: the trace indices with health, documents, size and creation date.</summary>
sealed class IndicesCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ListingSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ListingSettings settings, CancellationToken cancellationToken)
    {
        var indices = await WithStatusAsync("Listing the trace indices…", () => reader.ListIndicesAsync(cancellationToken));
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(indices, CliJson.Options));
            return ExitCodes.Success;
        }

        if (indices.Count == 0)
        {
            Console.MarkupLine($"No trace index matches '{Markup.Escape(reader.Index)}' yet: the sink creates the first when it writes.");
            return ExitCodes.Success;
        }

        Console.Write(IndexTable.Build(indices));
        Console.MarkupLine($"{indices.Count} {(indices.Count == 1 ? "index" : "indices")}, {indices.Sum(i => i.Documents):N0} documents, {ByteSize.Format(indices.Sum(i => i.SizeBytes))}");
        return ExitCodes.Success;
    }
}
