using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// The per-workflow table of <c>workflow-trace stats</c>: runs, entries, errors (red when any), error rate, p50 and
/// p95 run duration (marked <c>~</c> when estimated from a sample of the runs).
/// </summary>
static class WorkflowFiguresTable
{
    public static IRenderable Render(IReadOnlyList<WorkflowFigures> workflows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Workflows")
            .AddColumn("Workflow")
            .AddColumn(new TableColumn("Runs").RightAligned())
            .AddColumn(new TableColumn("Entries").RightAligned())
            .AddColumn(new TableColumn("Errors").RightAligned())
            .AddColumn(new TableColumn("Error rate").RightAligned())
            .AddColumn(new TableColumn("p50 run").RightAligned())
            .AddColumn(new TableColumn("p95 run").RightAligned());
        foreach (var row in workflows)
        {
            var estimate = row.DurationsEstimated ? "~" : "";
            table.AddRow(
                Markup.Escape(row.Workflow),
                Number(row.Runs),
                Number(row.Entries),
                row.Errors > 0 ? $"[red]{Number(row.Errors)}[/]" : "0",
                row.ErrorRate.ToString("0.0%", CultureInfo.InvariantCulture),
                Duration(row.P50Ms, estimate),
                Duration(row.P95Ms, estimate));
        }

        return table;
    }

    static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    static string Duration(double? milliseconds, string estimate) => milliseconds is { } ms ? estimate + DurationText.Of(TimeSpan.FromMilliseconds(ms)) : "-";
}
