using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// Entries over time as horizontal bars, one line per interval: its start (UTC), a bar proportional to the busiest
/// interval (its error part in red), the count and the errors. Readable as plain text: the bar is <c>#</c> for
/// entries and <c>!</c> for errors when the console has no Unicode, full and shaded blocks otherwise.
/// </summary>
static class HistogramChart
{
    /// <summary>The longest bar, in characters.</summary>
    public const int BarWidth = 50;

    public static IRenderable Render(IReadOnlyList<TimeBucket> buckets, TimeSpan interval, bool unicode)
    {
        var grid = new Grid().AddColumn().AddColumn().AddColumn(new GridColumn().RightAligned()).AddColumn();
        var busiest = buckets.Count == 0 ? 0 : buckets.Max(b => b.Entries);
        var format = interval >= TimeSpan.FromDays(1) && interval.Ticks % TimeSpan.TicksPerDay == 0 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
        var (full, error) = (unicode ? '█' : '#', ErrorMark(unicode));
        foreach (var bucket in buckets)
        {
            var length = Length(bucket.Entries, busiest);
            var errorLength = Math.Min(length, Length(bucket.Errors, busiest));
            var bar = $"[red]{new string(error, errorLength)}[/][green]{new string(full, length - errorLength)}[/]";
            grid.AddRow(
                bucket.Start.UtcDateTime.ToString(format, CultureInfo.InvariantCulture),
                bar,
                bucket.Entries.ToString("N0", CultureInfo.InvariantCulture),
                bucket.Errors > 0 ? $"[red]{Plural.Of(bucket.Errors, "error")}[/]" : "");
        }

        return grid;
    }

    /// <summary>The character of a bar's error part.</summary>
    public static char ErrorMark(bool unicode) => unicode ? '▓' : '!';

    // A non-empty interval gets at least one character, so that it is told apart from an empty one.
    static int Length(long count, long busiest) =>
        count == 0 || busiest == 0 ? 0 : Math.Max(1, (int)Math.Round((double)count * BarWidth / busiest, MidpointRounding.AwayFromZero));
}
