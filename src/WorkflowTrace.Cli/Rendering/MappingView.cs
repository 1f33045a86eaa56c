using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// One index's mapping against the field contract: a line when it matches; otherwise every contract field, expected
/// type and type in force, the drifting ones in red and marked <c>DRIFT</c> (the marker is what plain text keeps).
/// </summary>
static class MappingView
{
    public static void Write(IAnsiConsole console, MappingReport report)
    {
        var name = Markup.Escape(report.Index);
        if (report.MatchesContract)
        {
            console.MarkupLine($"[green]✓[/] {name}: matches the contract ({TraceContract.Fields.Count} fields)");
            return;
        }

        console.MarkupLine($"[red]✗[/] {name}: {report.Differences.Count} of {TraceContract.Fields.Count} contract fields drift");
        var drift = report.Differences.ToDictionary(d => d.Field, StringComparer.Ordinal);
        var table = new Table().AddColumn("Field").AddColumn("Expected").AddColumn("In force").AddColumn("");
        foreach (var field in TraceContract.Fields)
        {
            if (drift.TryGetValue(field.Name, out var difference))
            {
                var actual = difference.Actual is { } type ? Markup.Escape(type) : "(not mapped)";
                table.AddRow($"[red]{Markup.Escape(field.Name)}[/]", Markup.Escape(difference.Expected), $"[red]{actual}[/]", "[red]DRIFT[/]");
            }
            else
            {
                table.AddRow(Markup.Escape(field.Name), Markup.Escape(field.MappingType), Markup.Escape(field.MappingType), "[grey]ok[/]");
            }
        }

        console.Write(table);
    }
}
