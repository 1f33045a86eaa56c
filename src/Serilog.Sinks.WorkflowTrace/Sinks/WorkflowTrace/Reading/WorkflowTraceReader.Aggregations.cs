using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>
    /// Per workflow: entries, errors, error rate and runs, over what <paramref name="query"/> selects; every workflow,
    /// no cap (a <c>composite</c> aggregation paged to its end), most entries first, then by name. Entries without a
    /// <c>workflow_name</c> are not counted. An error is an entry at a level of <see cref="TraceQuery.ErrorLevels"/> or
    /// with <c>error_flag</c> true; runs are counted by Elasticsearch's <c>cardinality</c> (exact up to 3,000 runs per
    /// workflow, an estimate within a few percent above).
    /// </summary>
    /// <param name="query">Which entries; null: all.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    public async Task<IReadOnlyList<WorkflowStatistics>> GetWorkflowStatisticsAsync(TraceQuery? query = null, CancellationToken cancellationToken = default)
    {
        var clauses = QueryFilter.Clauses(query ?? TraceQuery.All);
        var statistics = new List<WorkflowStatistics>();
        await foreach (var page in new AggregationSearch(_client, Index).CompositePagesAsync(w => QueryFilter.WriteAll(w, clauses),
            w => Source(w, "workflow", "workflow_name"), json =>
            {
                json.WriteStartObject();
                ErrorsAggregation(json);
                json.WriteStartObject("runs");
                json.WriteStartObject("cardinality");
                json.WriteString("field", "run_id");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }, _options.PageSize, "computing workflow statistics", cancellationToken).ConfigureAwait(false))
        {
            foreach (var bucket in page)
            {
                statistics.Add(new WorkflowStatistics(
                    KeyText(bucket.GetProperty("key").GetProperty("workflow")),
                    bucket.GetProperty("doc_count").GetInt64(),
                    bucket.GetProperty("errors").GetProperty("doc_count").GetInt64(),
                    (long)(AggregationSearch.Value(bucket.GetProperty("runs")) ?? 0)));
            }
        }

        statistics.Sort((x, y) => x.Entries != y.Entries ? y.Entries.CompareTo(x.Entries) : string.CompareOrdinal(x.WorkflowName, y.WorkflowName));
        return statistics;
    }

    /// <summary>Entries per level over what <paramref name="query"/> selects, every level as stored, most entries first, then by level.</summary>
    /// <param name="query">Which entries; null: all.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    public async Task<IReadOnlyList<LevelCount>> GetLevelCountsAsync(TraceQuery? query = null, CancellationToken cancellationToken = default)
    {
        var clauses = QueryFilter.Clauses(query ?? TraceQuery.All);
        var counts = new List<LevelCount>();
        await foreach (var page in new AggregationSearch(_client, Index).CompositePagesAsync(w => QueryFilter.WriteAll(w, clauses),
            w => Source(w, "level", "level"), null, _options.PageSize, "counting levels", cancellationToken).ConfigureAwait(false))
        {
            counts.AddRange(page.Select(b => new LevelCount(KeyText(b.GetProperty("key").GetProperty("level")), b.GetProperty("doc_count").GetInt64())));
        }

        counts.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Level, y.Level));
        return counts;
    }

    /// <summary>
    /// Entries and errors per interval of time over what <paramref name="query"/> selects, oldest first, from the
    /// interval of the first entry to that of the last, empty intervals included. Intervals start at multiples of
    /// <paramref name="interval"/> since 1970-01-01 UTC (a day starts at midnight UTC). Paged, so a histogram of many
    /// intervals is not refused as too many buckets.
    /// </summary>
    /// <param name="interval">The length of an interval: whole milliseconds, at least one.</param>
    /// <param name="query">Which entries; null: all.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is under a millisecond or not whole milliseconds.</exception>
    public async Task<IReadOnlyList<TimeBucket>> GetHistogramAsync(TimeSpan interval, TraceQuery? query = null, CancellationToken cancellationToken = default)
    {
        if (interval < TimeSpan.FromMilliseconds(1) || interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The histogram's interval must be whole milliseconds, at least one.");
        var clauses = QueryFilter.Clauses(query ?? TraceQuery.All);
        var length = (long)interval.TotalMilliseconds;
        var fixedInterval = FixedInterval(length);
        var buckets = new List<TimeBucket>();
        long? next = null;
        await foreach (var page in new AggregationSearch(_client, Index).CompositePagesAsync(w => QueryFilter.WriteAll(w, clauses), json =>
            {
                json.WriteStartArray();
                json.WriteStartObject();
                json.WriteStartObject("time");
                json.WriteStartObject("date_histogram");
                json.WriteString("field", "datetime");
                json.WriteString("fixed_interval", fixedInterval);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }, json =>
            {
                json.WriteStartObject();
                ErrorsAggregation(json);
                json.WriteEndObject();
            }, _options.PageSize, "computing a histogram", cancellationToken).ConfigureAwait(false))
        {
            foreach (var bucket in page)
            {
                var start = bucket.GetProperty("key").GetProperty("time").GetInt64();
                for (var empty = next ?? start; empty < start; empty += length)
                    buckets.Add(new TimeBucket(DateTimeOffset.FromUnixTimeMilliseconds(empty), 0, 0));
                buckets.Add(new TimeBucket(DateTimeOffset.FromUnixTimeMilliseconds(start), bucket.GetProperty("doc_count").GetInt64(),
                    bucket.GetProperty("errors").GetProperty("doc_count").GetInt64()));
                next = start + length;
            }
        }

        return buckets;
    }

    // Elasticsearch's time value in the largest unit that divides the interval exactly.
    static string FixedInterval(long milliseconds)
    {
        foreach (var (unit, length) in (ReadOnlySpan<(string, long)>)[("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000)])
        {
            if (milliseconds % length == 0)
                return (milliseconds / length).ToString(CultureInfo.InvariantCulture) + unit;
        }

        return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    static void ErrorsAggregation(Utf8JsonWriter json)
    {
        json.WriteStartObject("errors");
        json.WritePropertyName("filter");
        QueryFilter.ErrorClause(json);
        json.WriteEndObject();
    }

    static void Source(Utf8JsonWriter json, string name, string field)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteStartObject(name);
        json.WriteStartObject("terms");
        json.WriteString("field", field);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    static string KeyText(JsonElement key) => key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText();
}
