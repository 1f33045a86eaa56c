using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>Trace indices as a table: name, health (coloured), documents, size, creation date (UTC).</summary>
static class IndexTable
{
    public static IRenderable Build(IReadOnlyList<TraceIndexInfo> indices)
    {
        var table = new Table()
            .AddColumn("Index")
            .AddColumn("Health")
            .AddColumn(new TableColumn("Docs").RightAligned())
            .AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn("Created (UTC)");
        foreach (var index in indices)
        {
            table.AddRow(
                Markup.Escape(index.Name),
                Health(index.Health),
                index.Documents.ToString("N0", CultureInfo.InvariantCulture),
                ByteSize.Format(index.SizeBytes),
                index.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    /// <summary>green, yellow or red in its colour; unknown (a closed index) in grey.</summary>
    public static string Health(string? health) => health switch
    {
        "green" => "[green]green[/]",
        "yellow" => "[yellow]yellow[/]",
        "red" => "[red]red[/]",
        null => "[grey]-[/]",
        _ => $"[grey]{Markup.Escape(health)}[/]",
    };
}
