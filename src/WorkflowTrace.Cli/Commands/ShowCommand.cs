using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace show RUN</c>: the run's summary, its timeline (a waterfall of stages and jobs), its entries in
/// order coloured by level, and its child runs as a tree; <c>--text</c> prints the Python handler's text views
/// exactly; <c>--json</c> the run (summary, entries, children) as one document.
/// </summary>
sealed class ShowCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ShowSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ShowSettings settings, CancellationToken cancellationToken)
    {
        var run = await WithStatusAsync($"Reading run {settings.RunId}…",
            () => reader.FindRunAsync(settings.RunId, includeChildren: !settings.NoChildren, throwIfMissing: true, cancellationToken));
        if (settings.TextView is { } view)
        {
            WriteText(run, view);
            return ExitCodes.Success;
        }

        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(RunDocument.Of(run), CliJson.Options));
            return ExitCodes.Success;
        }

        RunView.Write(Console, run);
        return ExitCodes.Success;
    }

    // The views exactly as the Python handler makes them; with both, a header line each only when both have text.
    void WriteText(WorkflowRunTrace run, string view)
    {
        var writer = Console.Profile.Out.Writer;
        var both = view == "both" && run.Stdout.Length > 0 && run.Stderr.Length > 0;
        if (view is "stdout" or "both") Write(writer, run.Stdout, both ? "==> stdout <==" : null);
        if (view is "stderr" or "both") Write(writer, run.Stderr, both ? "==> stderr <==" : null);
        writer.Flush();
    }

    static void Write(TextWriter writer, string text, string? header)
    {
        if (header is not null) writer.WriteLine(header);
        writer.Write(text);
        if (header is not null && text.Length > 0 && !text.EndsWith('\n')) writer.WriteLine();
    }
}
