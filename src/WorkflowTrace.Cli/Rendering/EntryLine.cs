using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// One entry as one line for <c>follow</c>, which streams: <c>time level [run] stage/job message</c>, coloured by its
/// level. The run id is shown when several runs are followed.
/// </summary>
static class EntryLine
{
    /// <summary>The line as markup.</summary>
    public static Markup Render(TraceEntry entry, bool showRun)
    {
        var style = LevelStyle.Of(entry);
        var run = showRun ? $"{Markup.Escape(entry.RunId ?? "-")} " : "";
        var step = EntryTable.StepOf(entry);
        var stepText = step.Length == 0 ? "" : $"[[{Markup.Escape(step)}]] ";
        var level = (entry.Level ?? "-").ToUpperInvariant();
        return new Markup($"{DurationText.TimeOfDay(entry.Datetime)} [{style}]{Markup.Escape(level),-8}[/] {run}{stepText}[{style}]{Markup.Escape(EntryTable.MessageOf(entry))}[/]\n");
    }
}
