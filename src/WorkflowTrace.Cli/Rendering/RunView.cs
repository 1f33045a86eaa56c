using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// A run as <c>show</c> draws it (and <c>demo</c> after tracing): the run and its child runs as a tree, the timeline
/// of its stages and jobs on one axis, then its entries coloured by level.
/// </summary>
static class RunView
{
    public static void Write(IAnsiConsole console, WorkflowRunTrace run)
    {
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
