using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>The table of <c>workflow-trace errors</c>: one row per workflow and exception type, counts in red.</summary>
static class ErrorGroupTable
{
    const int SampleWidth = 60;

    public static IRenderable Render(IReadOnlyList<ErrorGroup> groups)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Workflow")
            .AddColumn("Exception type")
            .AddColumn(new TableColumn("Count").RightAligned())
            .AddColumn(new TableColumn("Runs").RightAligned())
            .AddColumn("Last seen (UTC)")
            .AddColumn("Last run")
            .AddColumn("Sample message");
        foreach (var group in groups)
        {
            table.AddRow(
                Markup.Escape(group.Workflow),
                Markup.Escape(group.ExceptionType),
                $"[red]{group.Count.ToString(CultureInfo.InvariantCulture)}[/]",
                group.RunsAffected.ToString(CultureInfo.InvariantCulture),
                group.LastSeen?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(group.LastRunId ?? "-"),
                Markup.Escape(Shorten(group.SampleMessage)));
        }

        return table;
    }

    static string Shorten(string? message)
    {
        var line = (message ?? "").ReplaceLineEndings(" ");
        return line.Length <= SampleWidth ? line : line[..(SampleWidth - 1)] + "…";
    }
}
