using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The <c>date_histogram</c> aggregation in UTC: buckets of a <c>fixed_interval</c> (or a fixed-length
/// <c>calendar_interval</c>: minute, hour, day), keyed by their start in epoch milliseconds with
/// <c>key_as_string</c>, oldest first; <c>min_doc_count</c> 0 (the default) fills the empty buckets between the first
/// and the last.
/// </summary>
internal static class DateHistogramAggregation
{
    public static JsonObject Run(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var field = AggregationRunner.Field(spec);
        var interval = Interval(spec.Body);
        foreach (var option in (string[])["offset", "extended_bounds", "hard_bounds", "format", "keyed"])
        {
            if (spec.Body.ContainsKey(option))
            {
                throw new EsErrorException(EsErrors.Unsupported($"[{option}] in a date_histogram aggregation"));
            }
        }

        RequireDate(spec, docs, field);
        var minDocCount = spec.Body["min_doc_count"] is { } m ? long.Parse(m.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var groups = new SortedDictionary<long, List<SearchDocument>>();
        foreach (var doc in docs)
        {
            foreach (var start in AggregationKey.Of(doc, field).Select(k => Floor(k.Number, interval)).Distinct())
            {
                if (!groups.TryGetValue(start, out var list))
                {
                    groups[start] = list = [];
                }

                list.Add(doc);
            }
        }

        if (minDocCount == 0 && groups.Count > 0)
        {
            // Refused before building them, as Elasticsearch's bucket consumer refuses them while they are made.
            if ((groups.Keys.Last() - groups.Keys.First()) / interval + 1 > AggregationRunner.MaxBuckets)
            {
                throw AggregationRunner.TooManyBuckets(docs);
            }

            for (var start = groups.Keys.First(); start < groups.Keys.Last(); start += interval)
            {
                groups.TryAdd(start, []);
            }
        }

        var buckets = groups.Where(g => g.Value.Count >= minDocCount).Select(g => AggregationRunner.Fill(new JsonObject
        {
            ["key_as_string"] = AggregationKey.FormatDate(g.Key),
            ["key"] = g.Key,
        }, spec, g.Value, all)).ToList();
        if (spec.Body["order"] is JsonObject { Count: 1 } order && order.First() is var (by, direction))
        {
            var descending = direction?.ToString() == "desc";
            buckets = (by == "_count"
                    ? buckets.OrderBy(b => b["doc_count"]!.GetValue<int>() * (descending ? -1 : 1)).ThenBy(b => b["key"]!.GetValue<long>())
                    : buckets.OrderBy(b => b["key"]!.GetValue<long>() * (descending ? -1 : 1)))
                .ToList();
        }

        return new JsonObject { ["buckets"] = new JsonArray(buckets.Select(b => (JsonNode)b).ToArray()) };
    }

    /// <summary>The bucket length in milliseconds from <c>fixed_interval</c> or <c>calendar_interval</c>, refused as Elasticsearch refuses them.</summary>
    public static long Interval(JsonObject body)
    {
        var zone = body["time_zone"]?.ToString();
        if (zone is not (null or "UTC" or "Z" or "+00:00" or "Etc/UTC"))
        {
            throw new EsErrorException(EsErrors.Unsupported($"[time_zone] {zone} (only UTC)"));
        }

        var fixedText = body["fixed_interval"]?.ToString();
        var calendarText = body["calendar_interval"]?.ToString();
        if (fixedText is not null && calendarText is not null)
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Cannot use [fixed_interval] with [calendar_interval] configuration option."));
        }

        if (fixedText is not null)
        {
            if (TimeValues.Parse(fixedText) is not { } span || span <= TimeSpan.Zero)
            {
                throw new EsErrorException(EsErrors.IllegalArgument(
                    $"failed to parse setting [date_histogram.fixedInterval] with value [{fixedText}] as a time value: unit is missing or unrecognized"));
            }

            return (long)span.TotalMilliseconds;
        }

        return calendarText switch
        {
            null or "" => throw new EsErrorException(EsErrors.IllegalArgument("Invalid interval specified, must be non-null and non-empty")),
            "1m" or "minute" => 60_000,
            "1h" or "hour" => 3_600_000,
            "1d" or "day" => 86_400_000,
            "1w" or "week" or "1M" or "month" or "1q" or "quarter" or "1y" or "year" =>
                throw new EsErrorException(EsErrors.Unsupported($"calendar_interval [{calendarText}] (only minute, hour and day)")),
            _ => throw new EsErrorException(EsErrors.IllegalArgument($"The supplied interval [{calendarText}] could not be parsed as a calendar interval.")),
        };
    }

    /// <summary>The start of the bucket holding <paramref name="millis"/>.</summary>
    public static long Floor(double millis, long interval) => (long)Math.Floor(millis / interval) * interval;

    /// <summary>Refuses a date histogram over a field that is not a date (or a number, which Elasticsearch reads as epoch milliseconds).</summary>
    public static void RequireDate(AggregationSpec spec, IEnumerable<SearchDocument> docs, string field) =>
        AggregationRunner.RequireNumeric(spec, AggregationRunner.MappingOf(docs, field), field);
}
