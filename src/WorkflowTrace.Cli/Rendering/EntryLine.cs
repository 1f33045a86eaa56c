using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// One entry as one line: time (UTC, milliseconds), level (padded, coloured), <c>workflow/run</c> and the message,
/// followed by the exception's type and message when the entry has one. Plain text when colours are off.
/// </summary>
static class EntryLine
{
    const int LevelWidth = 9;

    /// <summary>The line's markup.</summary>
    public static string Markup(TraceEntry entry)
    {
        var time = entry.Datetime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? entry.DatetimeText ?? "-";
        var level = (entry.Level ?? "-").ToUpperInvariant().PadRight(LevelWidth);
        var where = $"{entry.WorkflowName ?? "-"}/{entry.RunId ?? "-"}";
        var message = entry.Message ?? "";
        if (entry.ExceptionType is not null || entry.ExceptionMessage is not null)
            message += $" ({entry.ExceptionType ?? "exception"}: {entry.ExceptionMessage})";
        return $"{Spectre.Console.Markup.Escape(time)}  {LevelStyle.Markup(entry.Level, Spectre.Console.Markup.Escape(level))} " +
               $"[blue]{Spectre.Console.Markup.Escape(where)}[/]  {LevelStyle.Markup(entry.Level, Spectre.Console.Markup.Escape(message))}";
    }

    /// <summary>The line as a renderable.</summary>
    public static IRenderable Render(TraceEntry entry) => new Markup(Markup(entry) + "\n");

    /// <summary>Writes the line to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, TraceEntry entry) => console.MarkupLine(Markup(entry));
}
