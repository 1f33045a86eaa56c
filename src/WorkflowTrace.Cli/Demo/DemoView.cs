using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Demo;

/// <summary>
/// Shows the demo's run as read back, with <c>show</c>'s renderers: a summary line, the run and its child runs as a
/// tree, the timeline of its stages and jobs, then its entries coloured by level.
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
        console.Write(new Rule($"Run [bold]{Markup.Escape(run.RunId)}[/]").LeftJustified());
        console.Write(RunTree.Render(run));
        console.WriteLine();
        var steps = TimelineSteps.From(run.Entries);
        if (steps.Count > 0 && run.Summary is { } summary)
        {
            console.Write(new Rule("Timeline").LeftJustified());
            console.Write(Timeline.Render(steps, summary.FirstTime, summary.LastTime, console.Profile.Width));
        }

        console.Write(new Rule("Entries").LeftJustified());
        console.Write(EntryTable.Render(run.Entries));
    }
}
