using System.Globalization;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>A duration as a person reads it: <c>850ms</c>, <c>12.5s</c>, <c>3m 05s</c>, <c>2h 03m</c>, <c>1d 04h</c>.</summary>
static class DurationText
{
    public static string Format(TimeSpan? duration)
    {
        if (duration is not { } value)
            return "-";
        if (value < TimeSpan.Zero)
            value = TimeSpan.Zero;
        if (value < TimeSpan.FromSeconds(1))
            return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms");
        if (value < TimeSpan.FromMinutes(1))
            return string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#}s");
        if (value < TimeSpan.FromHours(1))
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes}m {value.Seconds:00}s");
        if (value < TimeSpan.FromDays(1))
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}h {value.Minutes:00}m");
        return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalDays}d {value.Hours:00}h");
    }
}
