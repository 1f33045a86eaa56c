using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// One entry as one line for <c>follow</c>, which streams: <c>time level [run] stage/job message</c>, coloured by its
/// level. The run id is shown when several runs are followed. <see cref="RenderInContext"/> is the same line for
/// <c>search</c>, whose entries span days, workflows and runs.
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

    /// <summary>
    /// The line with its date and <c>workflow/run</c>, for entries from many runs (<c>search</c>):
    /// <c>date time level workflow/run stage/job message</c>.
    /// </summary>
    public static Markup RenderInContext(TraceEntry entry)
    {
        var style = LevelStyle.Of(entry);
        var date = entry.Datetime is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd ", System.Globalization.CultureInfo.InvariantCulture) : "";
        var where = $"{entry.WorkflowName ?? "-"}/{entry.RunId ?? "-"}";
        var step = EntryTable.StepOf(entry);
        var stepText = step.Length == 0 ? "" : $"[[{Markup.Escape(step)}]] ";
        var level = (entry.Level ?? "-").ToUpperInvariant();
        return new Markup($"{date}{DurationText.TimeOfDay(entry.Datetime)} [{style}]{Markup.Escape(level),-8}[/] [blue]{Markup.Escape(where)}[/] " +
                          $"{stepText}[{style}]{Markup.Escape(EntryTable.MessageOf(entry))}[/]\n");
    }
}
