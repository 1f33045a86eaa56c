using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The <c>terms</c> aggregation: one bucket per value, the <c>size</c> first by <c>order</c> (default: doc count
/// descending, then key ascending), <c>min_doc_count</c> (default 1; 0 lists every term of the indices),
/// <c>sum_other_doc_count</c> for the buckets left out.
/// </summary>
internal static class TermsAggregation
{
    public static JsonObject Run(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var field = AggregationRunner.Field(spec);
        var size = AggregationRunner.Size(spec, spec.Body["size"], 10);
        var minDocCount = spec.Body["min_doc_count"] is { } m ? long.Parse(m.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var groups = new Dictionary<AggregationKey, List<SearchDocument>>();
        foreach (var doc in docs)
        {
            foreach (var key in AggregationKey.Of(doc, field))
            {
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(doc);
            }
        }

        if (minDocCount == 0)
        {
            foreach (var key in all.SelectMany(d => AggregationKey.Of(d, field)))
            {
                groups.TryAdd(key, []);
            }
        }

        var buckets = groups
            .Where(g => g.Value.Count >= minDocCount)
            .Select(g => (g.Key, Bucket: Bucket(spec, g.Key, g.Value, all)))
            .ToList();
        buckets.Sort(Comparer(spec));
        var returned = buckets.Take(size).ToList();
        return new JsonObject
        {
            ["doc_count_error_upper_bound"] = 0,
            ["sum_other_doc_count"] = buckets.Skip(size).Sum(b => b.Bucket["doc_count"]!.GetValue<int>()),
            ["buckets"] = new JsonArray(returned.Select(b => (JsonNode)b.Bucket).ToArray()),
        };
    }

    private static JsonObject Bucket(AggregationSpec spec, AggregationKey key, List<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var bucket = new JsonObject { ["key"] = key.Json() };
        if (key.AsString() is { } text)
        {
            bucket["key_as_string"] = text;
        }

        return AggregationRunner.Fill(bucket, spec, docs, all);
    }

    // order: {"_count":"desc"}, {"_key":"asc"}, {"<single-value sub-aggregation>":"asc"}, or an array of them; ties by key ascending.
    private static Comparison<(AggregationKey Key, JsonObject Bucket)> Comparer(AggregationSpec spec)
    {
        var criteria = new List<(string By, bool Descending)>();
        foreach (var element in spec.Body["order"] switch { null => [], JsonArray array => array.ToList(), var single => [single] })
        {
            if (element is not JsonObject { Count: 1 } order)
            {
                throw new EsErrorException(EsErrors.Parsing($"Unexpected token in [order] of [{spec.Name}]"));
            }

            var (by, direction) = order.First();
            var text = direction?.ToString();
            if (text is not ("asc" or "desc"))
            {
                throw new EsErrorException(EsErrors.Parsing($"Unknown terms order direction [{text}] in terms aggregation [{spec.Name}]"));
            }

            if (by is not ("_count" or "_key") && spec.Children.All(c => c.Name != by.Split('.')[0]))
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(null, new EsError(400, "aggregation_execution_exception",
                    $"Invalid aggregation order path [{by}]. The provided aggregation [{by}] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.")));
            }

            criteria.Add((by, text == "desc"));
        }

        if (criteria.Count == 0)
        {
            criteria.Add(("_count", true));
        }

        return (a, b) =>
        {
            foreach (var (by, descending) in criteria)
            {
                var result = by switch
                {
                    "_count" => a.Bucket["doc_count"]!.GetValue<int>().CompareTo(b.Bucket["doc_count"]!.GetValue<int>()),
                    "_key" => a.Key.CompareTo(b.Key),
                    _ => MetricValue(a.Bucket, by).CompareTo(MetricValue(b.Bucket, by)),
                };
                if (result != 0)
                {
                    return descending ? -result : result;
                }
            }

            return a.Key.CompareTo(b.Key);
        };
    }

    private static double MetricValue(JsonObject bucket, string path)
    {
        var node = bucket[path.Split('.')[0]];
        var value = node?["value"] ?? node?["doc_count"];
        return value is null ? double.NegativeInfinity : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
