using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>The run list of <c>runs</c>: run id, workflow, status (coloured), started (UTC), duration, entries, errors.</summary>
static class RunTable
{
    /// <summary>A table of <paramref name="runs"/> in the order given.</summary>
    public static IRenderable Render(IEnumerable<RunSummary> runs)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Run")
            .AddColumn("Workflow")
            .AddColumn("Status")
            .AddColumn("Started (UTC)")
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn(new TableColumn("Entries").RightAligned())
            .AddColumn(new TableColumn("Errors").RightAligned());
        foreach (var run in runs)
        {
            var errors = run.Errors.ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                Markup.Escape(run.RunId),
                Markup.Escape(run.WorkflowName ?? "-"),
                $"[{LevelStyle.Of(run.Status)}]{LevelStyle.Name(run.Status)}[/]",
                DurationText.DateTime(run.FirstTime),
                DurationText.Of(run.Duration),
                run.Entries.ToString(CultureInfo.InvariantCulture),
                run.Errors > 0 ? $"[red]{errors}[/]" : errors);
        }

        return table;
    }
}
