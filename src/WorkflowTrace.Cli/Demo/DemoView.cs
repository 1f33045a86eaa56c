using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Demo;

/// <summary>
/// Shows the demo's run as read back: a summary line, then the run as <c>show</c> draws it (<see cref="RunView"/>).
/// </summary>
sealed class DemoView(IAnsiConsole console)
{
    /// <summary>Entries of the run and all its descendants.</summary>
    public static int EntryCount(WorkflowRunTrace trace) => trace.Entries.Count + trace.Children.Sum(EntryCount);

    public void Write(WorkflowRunTrace run)
    {
        var errors = run.Entries.Count(e => e.IsError);
        var status = run.Summary is { } s ? LevelStyle.Name(s.Status) : "unknown";
        console.MarkupLine($"Read back run [bold]{Markup.Escape(run.RunId)}[/]: {run.Entries.Count} entries, {errors} error(s), status {status}, " +
                           $"{run.Children.Count} child run(s) with {EntryCount(run) - run.Entries.Count} entries.");
        RunView.Write(console, run);
    }
}
