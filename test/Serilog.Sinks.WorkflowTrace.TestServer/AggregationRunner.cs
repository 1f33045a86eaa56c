using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Computes aggregations over the documents a search's query matched (never its <c>post_filter</c>) and writes the
/// answer as Elasticsearch does: bucket aggregations here dispatch to their own types; metrics (<c>min</c>,
/// <c>max</c>, <c>cardinality</c>, <c>value_count</c>) and the <c>filter</c>/<c>filters</c> buckets are computed here.
/// </summary>
internal static class AggregationRunner
{
    /// <summary>Elasticsearch's default <c>search.max_buckets</c> (7.9 on).</summary>
    public const int MaxBuckets = 65_536;

    /// <summary>The <c>aggregations</c> object of an answer, refused as Elasticsearch refuses one of more than <see cref="MaxBuckets"/> buckets.</summary>
    public static JsonObject Answer(IReadOnlyList<AggregationSpec> specs, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var result = Run(specs, docs, all);
        if (CountBuckets(result) > MaxBuckets)
        {
            throw TooManyBuckets(docs);
        }

        return result;
    }

    /// <summary>Elasticsearch's refusal of more than <see cref="MaxBuckets"/> buckets.</summary>
    public static EsErrorException TooManyBuckets(IReadOnlyList<SearchDocument> docs) =>
        new(EsErrors.SearchPhaseFailure(docs.FirstOrDefault()?.Index.ConcreteName, new EsError(400, "too_many_buckets_exception",
            $"Trying to create too many buckets. Must be less than or equal to: [{MaxBuckets}] but this number of buckets was exceeded. This limit can be set by changing the [search.max_buckets] cluster level setting.")
            .With("max_buckets", MaxBuckets)));

    private static long CountBuckets(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Sum(p => p.Key == "buckets"
            ? (p.Value is JsonArray array ? array.Count : (p.Value as JsonObject)?.Count ?? 0) + CountBuckets(p.Value)
            : CountBuckets(p.Value)),
        JsonArray array => array.Sum(CountBuckets),
        _ => 0,
    };

    /// <summary>The <c>aggregations</c> object of an answer (or of a bucket's sub-aggregations).</summary>
    /// <param name="specs">What to compute.</param>
    /// <param name="docs">The documents in scope (a bucket's documents for sub-aggregations).</param>
    /// <param name="all">Every document of the searched indices: <c>terms</c> with <c>min_doc_count: 0</c> lists their terms too.</param>
    public static JsonObject Run(IReadOnlyList<AggregationSpec> specs, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var result = new JsonObject();
        foreach (var spec in specs)
        {
            result[spec.Name] = spec.Type switch
            {
                "terms" => TermsAggregation.Run(spec, docs, all),
                "composite" => CompositeAggregation.Run(spec, docs, all),
                "date_histogram" => DateHistogramAggregation.Run(spec, docs, all),
                "filter" => Filter(spec, docs, all),
                "filters" => Filters(spec, docs, all),
                "min" => Extreme(spec, docs, min: true),
                "max" => Extreme(spec, docs, min: false),
                "cardinality" => new JsonObject { ["value"] = docs.SelectMany(d => AggregationKey.Of(d, Field(spec))).Distinct().LongCount() },
                "value_count" => new JsonObject { ["value"] = docs.Sum(d => (long)AggregationKey.Of(d, Field(spec)).Count) },
                _ => throw new EsErrorException(EsErrors.Unsupported($"the [{spec.Type}] aggregation")),
            };
        }

        return result;
    }

    /// <summary>A bucket's <c>doc_count</c> followed by its sub-aggregations, added to <paramref name="bucket"/>.</summary>
    public static JsonObject Fill(JsonObject bucket, AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        bucket["doc_count"] = docs.Count;
        foreach (var (name, value) in Run(spec.Children, docs, all).ToList())
        {
            bucket[name] = value?.DeepClone();
        }

        return bucket;
    }

    /// <summary>The <c>field</c> of an aggregation, required as Elasticsearch requires it.</summary>
    public static string Field(AggregationSpec spec) =>
        spec.Body["field"]?.ToString()
        ?? throw new EsErrorException(EsErrors.IllegalArgument("Required one of fields [field, script], but none were specified."));

    /// <summary>A positive <c>size</c>, or the default.</summary>
    public static int Size(AggregationSpec spec, JsonNode? node, int defaultSize)
    {
        if (node is null)
        {
            return defaultSize;
        }

        var size = int.TryParse(node.ToString(), out var parsed) ? parsed : -1;
        return size > 0
            ? size
            : throw new EsErrorException(EsErrors.IllegalArgument($"[size] must be greater than 0. Found [{node}] in [{spec.Name}]"));
    }

    /// <summary>The mapping of <paramref name="field"/> in the first document that maps it.</summary>
    public static FieldMapping? MappingOf(IEnumerable<SearchDocument> docs, string field) =>
        docs.Select(d => SourceValues.Resolve(d.Index.Mapping, field)).FirstOrDefault(r => r is not null)?.Field;

    /// <summary>Refuses a numeric aggregation on a field that is not numeric or a date.</summary>
    public static void RequireNumeric(AggregationSpec spec, FieldMapping? field, string name)
    {
        if (field is not null && field.Type is FieldType.Keyword or FieldType.Text or FieldType.Ip)
        {
            throw new EsErrorException(EsErrors.SearchPhaseFailure(null, EsErrors.IllegalArgument(
                $"Field [{name}] of type [{field.TypeName}] is not supported for aggregation [{spec.Type}]")));
        }
    }

    private static JsonObject Filter(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var matches = QueryCompiler.Compile(spec.Body.Count == 0 ? null : spec.Body);
        return Fill(new JsonObject(), spec, docs.Where(matches).ToList(), all);
    }

    private static JsonObject Filters(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, IReadOnlyList<SearchDocument> all)
    {
        var other = spec.Body["other_bucket"]?.ToString() is "true" or "True" || spec.Body["other_bucket_key"] is not null;
        var otherKey = spec.Body["other_bucket_key"]?.ToString() ?? "_other_";
        switch (spec.Body["filters"])
        {
            case JsonObject keyed:
            {
                var buckets = new JsonObject();
                var matchedAny = new HashSet<SearchDocument>();
                foreach (var (key, query) in keyed.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var matching = docs.Where(QueryCompiler.Compile(query)).ToList();
                    matchedAny.UnionWith(matching);
                    buckets[key] = Fill(new JsonObject(), spec, matching, all);
                }

                if (other)
                {
                    buckets[otherKey] = Fill(new JsonObject(), spec, docs.Where(d => !matchedAny.Contains(d)).ToList(), all);
                }

                return new JsonObject { ["buckets"] = buckets };
            }

            case JsonArray anonymous:
            {
                var buckets = new JsonArray();
                foreach (var query in anonymous)
                {
                    buckets.Add(Fill(new JsonObject(), spec, docs.Where(QueryCompiler.Compile(query)).ToList(), all));
                }

                return new JsonObject { ["buckets"] = buckets };
            }

            default:
                throw new EsErrorException(EsErrors.Parsing($"[filters] aggregation [{spec.Name}] requires [filters] as an object or an array"));
        }
    }

    private static JsonObject Extreme(AggregationSpec spec, IReadOnlyList<SearchDocument> docs, bool min)
    {
        var field = Field(spec);
        var mapping = MappingOf(docs, field);
        RequireNumeric(spec, mapping, field);
        var values = docs.SelectMany(d => AggregationKey.Of(d, field)).Select(k => k.Number).ToList();
        if (values.Count == 0)
        {
            // ES writes Infinity as null; no value_as_string then.
            return new JsonObject { ["value"] = null };
        }

        var value = min ? values.Min() : values.Max();
        var result = new JsonObject { ["value"] = JavaDouble.Node(value) };
        if (mapping?.Type == FieldType.Date)
        {
            result["value_as_string"] = AggregationKey.FormatDate(value);
        }

        return result;
    }
}
