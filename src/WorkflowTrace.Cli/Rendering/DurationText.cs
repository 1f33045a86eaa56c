using System.Globalization;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>Durations and times as people read them in a terminal: <c>850ms</c>, <c>12.3s</c>, <c>4m 05s</c>, <c>2h 03m</c>.</summary>
static class DurationText
{
    /// <summary>A duration, short; negative durations (clock skew between hosts) read as zero.</summary>
    public static string Of(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        var c = CultureInfo.InvariantCulture;
        if (duration.TotalSeconds < 1) return string.Create(c, $"{Math.Round(duration.TotalMilliseconds):0}ms");
        if (duration.TotalSeconds < 60) return string.Create(c, $"{Math.Floor(duration.TotalSeconds * 10) / 10:0.0}s");
        if (duration.TotalHours < 1) return string.Create(c, $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s");
        if (duration.TotalDays < 1) return string.Create(c, $"{(int)duration.TotalHours}h {duration.Minutes:00}m");
        return string.Create(c, $"{(int)duration.TotalDays}d {duration.Hours:00}h");
    }

    /// <summary>A time of day in UTC with milliseconds, as in the entry lists.</summary>
    public static string TimeOfDay(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "--:--:--.---";

    /// <summary>A date and time in UTC to the second, as in the run list.</summary>
    public static string DateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
