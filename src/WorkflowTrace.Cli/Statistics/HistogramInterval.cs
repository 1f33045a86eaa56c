namespace WorkflowTrace.Cli.Statistics;

/// <summary>The width of the bars of the entries-over-time chart: chosen from the range, or given and checked.</summary>
static class HistogramInterval
{
    /// <summary>The most bars an automatic interval gives over the range.</summary>
    public const int AutomaticBars = 48;

    /// <summary>The most bars a given interval may give over the range.</summary>
    public const int MaximumBars = 10_000;

    static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30),
    ];

    /// <summary>The smallest round interval that gives at most <see cref="AutomaticBars"/> bars over the range.</summary>
    public static TimeSpan Choose(TimeSpan range) =>
        Steps.FirstOrDefault(step => range.Ticks / step.Ticks <= AutomaticBars, Steps[^1]);

    /// <summary>An interval as written in the chart's heading: <c>30m</c>, <c>1h</c>, <c>1d</c>, else as a duration.</summary>
    public static string Describe(TimeSpan interval) => interval switch
    {
        _ when interval.Ticks % TimeSpan.TicksPerDay == 0 => $"{interval.Ticks / TimeSpan.TicksPerDay}d",
        _ when interval.Ticks % TimeSpan.TicksPerHour == 0 => $"{interval.Ticks / TimeSpan.TicksPerHour}h",
        _ when interval.Ticks % TimeSpan.TicksPerMinute == 0 => $"{interval.Ticks / TimeSpan.TicksPerMinute}m",
        _ => Rendering.DurationText.Of(interval),
    };

    /// <summary>Checks a given interval: whole milliseconds, at least a second, at most <see cref="MaximumBars"/> over the range.</summary>
    /// <exception cref="ArgumentException">Not so; the message names <c>--interval</c>.</exception>
    public static TimeSpan Check(TimeSpan interval, TimeSpan range)
    {
        if (interval < TimeSpan.FromSeconds(1) || interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
            throw new ArgumentException($"--interval must be at least 1s and whole milliseconds, not {interval}.");
        if (range.Ticks / interval.Ticks > MaximumBars)
            throw new ArgumentException($"--interval {interval} gives more than {MaximumBars:N0} bars over the range; choose a wider interval or a shorter range.");
        return interval;
    }
}
