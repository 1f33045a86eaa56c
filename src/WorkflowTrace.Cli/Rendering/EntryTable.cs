using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// A run's entries in order for <c>show</c>: time (UTC), level, stage/job, message — and on error lines the
/// exception's type and message — each row coloured by its level.
/// </summary>
static class EntryTable
{
    /// <summary>A table of <paramref name="entries"/> in the order given.</summary>
    public static IRenderable Render(IEnumerable<TraceEntry> entries)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Time (UTC)")
            .AddColumn("Level")
            .AddColumn("Stage/Job")
            .AddColumn("Message");
        foreach (var entry in entries)
        {
            var style = LevelStyle.Of(entry);
            table.AddRow(
                new Markup(Markup.Escape(DurationText.TimeOfDay(entry.Datetime))),
                new Markup($"[{style}]{Markup.Escape(entry.Level ?? "-")}[/]"),
                new Markup(Markup.Escape(StepOf(entry))),
                new Markup($"[{style}]{Markup.Escape(MessageOf(entry))}[/]"));
        }

        return table;
    }

    /// <summary>Where the entry was written: <c>stage/job</c>, <c>stage</c>, <c>job</c>, or empty.</summary>
    public static string StepOf(TraceEntry entry) => (entry.StageName, entry.JobName) switch
    {
        ({ } stage, { } job) => $"{stage}/{job}",
        ({ } stage, null) => stage,
        (null, { } job) => job,
        _ => "",
    };

    /// <summary>The message, and the exception (type: message) when the entry carries one.</summary>
    public static string MessageOf(TraceEntry entry)
    {
        var message = entry.Message ?? "";
        if (entry.ExceptionType is null && entry.ExceptionMessage is null) return message;
        var exception = entry.ExceptionMessage is null ? entry.ExceptionType : $"{entry.ExceptionType ?? "exception"}: {entry.ExceptionMessage}";
        return message.Length == 0 ? exception! : $"{message} — {exception}";
    }
}
