using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>Durations as Elasticsearch writes them: the largest whole unit, <c>30d</c>, <c>12h</c>, <c>1s</c>, <c>500ms</c>.</summary>
static class ElasticsearchDuration
{
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms % (24 * 3600_000L) == 0) return Text(ms / (24 * 3600_000L), "d");
        if (ms % 3600_000L == 0) return Text(ms / 3600_000L, "h");
        if (ms % 60_000L == 0) return Text(ms / 60_000L, "m");
        if (ms % 1000L == 0) return Text(ms / 1000L, "s");
        return Text(ms, "ms");
    }

    static string Text(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
