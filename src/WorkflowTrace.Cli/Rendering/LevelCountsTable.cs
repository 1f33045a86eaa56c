using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>Entries per level, each level in its colour, with its share of all entries.</summary>
static class LevelCountsTable
{
    public static IRenderable Render(IReadOnlyList<LevelCount> levels)
    {
        var total = levels.Sum(l => l.Count);
        var table = new Table().Border(TableBorder.Rounded).Title("Levels")
            .AddColumn("Level")
            .AddColumn(new TableColumn("Entries").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned());
        foreach (var level in levels)
        {
            table.AddRow(
                $"[{LevelStyle.Of(level.Level)}]{Markup.Escape(level.Level)}[/]",
                level.Count.ToString("N0", CultureInfo.InvariantCulture),
                (total == 0 ? 0 : (double)level.Count / total).ToString("0.0%", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
