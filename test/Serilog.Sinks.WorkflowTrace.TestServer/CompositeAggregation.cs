using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The <c>composite</c> aggregation: buckets of the combinations of its sources' values (<c>terms</c> or
/// <c>date_histogram</c>, each <c>asc</c> or <c>desc</c>, documents without a value left out unless
/// <c>missing_bucket</c>), in key order, <c>size</c> at a time after the <c>after</c> key; <c>after_key</c> names the
/// last bucket of a page that has buckets.
/// </summary>
internal static class CompositeAggregation
{
    private sealed record Source(string Name, string Type, string Field, bool Descending, bool MissingBucket, long Interval);

    public static JsonObject Run(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var size = AggregationRunner.Size(spec, spec.Body["size"], 10);
        var sources = Sources(spec, docs);
        var after = After(spec.Body["after"], sources, docs);
        var groups = new Dictionary<string, (AggregationKey?[] Key, List<SearchDocument> Docs)>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            foreach (var key in Combinations(doc, sources))
            {
                var id = string.Join('\u0001', key.Select(k => k is null ? "\u0000" : k.Text ?? k.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                if (!groups.TryGetValue(id, out var group))
                {
                    groups[id] = group = (key, []);
                }

                group.Docs.Add(doc);
            }
        }

        var page = groups.Values
            .Where(g => after is null || Compare(g.Key, after, sources) > 0)
            .OrderBy(g => g.Key, Comparer<AggregationKey?[]>.Create((a, b) => Compare(a, b, sources)))
            .Take(size)
            .ToList();
        var result = new JsonObject();
        if (page.Count > 0)
        {
            result["after_key"] = KeyObject(page[^1].Key, sources);
        }

        result["buckets"] = new JsonArray(page.Select(g => (JsonNode)AggregationRunner.Fill(
            new JsonObject { ["key"] = KeyObject(g.Key, sources) }, spec, g.Docs, all)).ToArray());
        return result;
    }

    private static List<Source> Sources(AggregationSpec spec, IReadOnlyList<SearchDocument> docs)
    {
        if (spec.Body["sources"] is not JsonArray { Count: > 0 } array)
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Composite [sources] cannot be null or empty"));
        }

        var sources = new List<Source>();
        foreach (var element in array)
        {
            if (element is not JsonObject { Count: 1 } named || named.First().Value is not JsonObject { Count: 1 } typed)
            {
                throw new EsErrorException(EsErrors.Parsing("[composite] sources must be objects of one named source of one type"));
            }

            var name = named.First().Key;
            var (type, body) = typed.First();
            if (body is not JsonObject options || options["field"]?.ToString() is not { } field)
            {
                throw new EsErrorException(EsErrors.IllegalArgument("Required one of fields [field, script], but none were specified."));
            }

            if (sources.Any(s => s.Name == name))
            {
                throw new EsErrorException(EsErrors.IllegalArgument($"Composite source names must be unique, found duplicates: [{name}]"));
            }

            var descending = options["order"]?.ToString() switch
            {
                null or "asc" => false,
                "desc" => true,
                var other => throw new EsErrorException(EsErrors.IllegalArgument($"Unknown SortOrder [{other}]")),
            };
            var missing = options["missing_bucket"]?.ToString() is "true" or "True";
            switch (type)
            {
                case "terms":
                    sources.Add(new Source(name, type, field, descending, missing, 0));
                    break;
                case "date_histogram":
                    var interval = DateHistogramAggregation.Interval(options);
                    if (options.ContainsKey("format") || options.ContainsKey("offset"))
                    {
                        throw new EsErrorException(EsErrors.Unsupported("[format] or [offset] in a composite date_histogram source"));
                    }

                    DateHistogramAggregation.RequireDate(spec, docs, field);
                    sources.Add(new Source(name, type, field, descending, missing, interval));
                    break;
                case "histogram" or "geotile_grid":
                    throw new EsErrorException(EsErrors.Unsupported($"[{type}] composite sources"));
                default:
                    throw new EsErrorException(EsErrors.Parsing($"Unknown composite source type [{type}] in [{name}]"));
            }
        }

        return sources;
    }

    private static AggregationKey?[]? After(JsonNode? node, List<Source> sources, IReadOnlyList<SearchDocument> docs)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject after || after.Count != sources.Count)
        {
            throw new EsErrorException(EsErrors.SearchPhaseFailure(null, EsErrors.IllegalArgument(
                $"[after] has {(node as JsonObject)?.Count ?? 0} value(s) but [sources] has {sources.Count}")));
        }

        return sources.Select(AggregationKey? (source) =>
        {
            if (!after.TryGetPropertyValue(source.Name, out var value))
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(null, EsErrors.IllegalArgument($"Missing value for [after.{source.Name}]")));
            }

            if (value is null)
            {
                return source.MissingBucket
                    ? null
                    : throw new EsErrorException(EsErrors.SearchPhaseFailure(null, EsErrors.IllegalArgument(
                        $"Invalid value for [after.{source.Name}], expected comparable, got [null]")));
            }

            var field = AggregationRunner.MappingOf(docs, source.Field) ?? FieldMapping.Of(value.GetValueKind() == System.Text.Json.JsonValueKind.String ? FieldType.Keyword : FieldType.Long);
            return AggregationKey.FromJson(value, source.Type == "date_histogram" ? FieldMapping.Of(FieldType.Long) : field);
        }).ToArray();
    }

    private static IEnumerable<AggregationKey?[]> Combinations(SearchDocument doc, List<Source> sources)
    {
        IEnumerable<AggregationKey?[]> combinations = [[]];
        foreach (var source in sources)
        {
            var keys = AggregationKey.Of(doc, source.Field).Select(k => source.Type == "date_histogram"
                ? new AggregationKey(null, DateHistogramAggregation.Floor(k.Number, source.Interval), FieldMapping.Of(FieldType.Long))
                : k).Distinct().ToList<AggregationKey?>();
            if (keys.Count == 0)
            {
                if (!source.MissingBucket)
                {
                    return [];
                }

                keys.Add(null);
            }

            combinations = combinations.SelectMany(prefix => keys.Select(k => prefix.Append(k).ToArray())).ToList();
        }

        return combinations;
    }

    // A missing value (missing_bucket) comes first in ascending order, as Elasticsearch's default missing_order does.
    private static int Compare(AggregationKey?[] left, AggregationKey?[] right, List<Source> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            var result = left[i] is null || right[i] is null
                ? (left[i] is null ? 0 : 1) - (right[i] is null ? 0 : 1)
                : left[i]!.CompareTo(right[i]);
            if (result != 0)
            {
                return sources[i].Descending ? -result : result;
            }
        }

        return 0;
    }

    private static JsonObject KeyObject(AggregationKey?[] key, List<Source> sources)
    {
        var result = new JsonObject();
        for (var i = 0; i < sources.Count; i++)
        {
            result[sources[i].Name] = key[i]?.Json();
        }

        return result;
    }
}
