using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Reads the <c>aggs</c> (or <c>aggregations</c>) object of a search body into <see cref="AggregationSpec"/>s, refusing
/// what Elasticsearch's parser refuses: a definition that is not an object, an unknown type, two types in one
/// definition, a <c>composite</c> below a bucket aggregation, and the options each supported type does not know.
/// </summary>
internal static class AggregationCompiler
{
    /// <summary>The types the fake computes; every other known Elasticsearch type is refused as unsupported.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "terms", "composite", "filter", "filters", "min", "max", "cardinality", "value_count", "date_histogram",
    };

    // Real Elasticsearch types the fake does not compute: a clear "unsupported" rather than Elasticsearch's "unknown".
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "avg", "sum", "stats", "extended_stats", "percentiles", "percentile_ranks", "top_hits", "top_metrics", "histogram",
        "range", "date_range", "missing", "nested", "reverse_nested", "global", "significant_terms", "rare_terms",
        "multi_terms", "auto_date_histogram", "bucket_selector", "bucket_sort", "bucket_script", "sampler",
    };

    private static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["terms"] = ["field", "size", "order", "min_doc_count", "shard_size", "missing", "show_term_doc_count_error", "execution_hint"],
        ["composite"] = ["size", "sources", "after"],
        ["min"] = ["field", "format", "missing"],
        ["max"] = ["field", "format", "missing"],
        ["cardinality"] = ["field", "precision_threshold", "missing"],
        ["value_count"] = ["field"],
        ["date_histogram"] = ["field", "fixed_interval", "calendar_interval", "min_doc_count", "order", "keyed", "time_zone", "offset", "format", "extended_bounds", "hard_bounds"],
        ["filters"] = ["filters", "other_bucket", "other_bucket_key"],
    };

    /// <summary>The aggregations of a search body, or none.</summary>
    public static IReadOnlyList<AggregationSpec> Compile(JsonNode? aggs, string? parentType = null)
    {
        if (aggs is null)
        {
            return [];
        }

        if (aggs is not JsonObject definitions)
        {
            throw Parsing($"Unexpected token {TokenName(aggs)} in [aggs].");
        }

        var specs = new List<AggregationSpec>();
        foreach (var (name, node) in definitions)
        {
            if (node is not JsonObject definition)
            {
                throw Parsing($"Aggregation definition for [{name} starts with a [{TokenName(node)}], expected a [START_OBJECT].");
            }

            string? type = null;
            JsonObject? body = null;
            IReadOnlyList<AggregationSpec> children = [];
            foreach (var (key, value) in definition)
            {
                if (key is "aggs" or "aggregations")
                {
                    continue;
                }

                if (key == "meta")
                {
                    continue;
                }

                if (type is not null)
                {
                    throw Parsing($"Found two aggregation type definitions in [{name}]: [{type}] and [{key}]");
                }

                type = key;
                body = value as JsonObject;
            }

            if (type is null)
            {
                throw Parsing($"Missing definition for aggregation [{name}]");
            }

            if (!Supported.Contains(type))
            {
                throw Known.Contains(type)
                    ? new EsErrorException(EsErrors.Unsupported($"the [{type}] aggregation"))
                    : new EsErrorException(new EsError(400, "parsing_exception", $"Unknown aggregation type [{type}]")
                    {
                        CausedBy = new EsError(400, "named_object_not_found_exception", $"unknown field [{type}]"),
                    });
            }

            if (body is null)
            {
                throw Parsing($"Expected [START_OBJECT] under [{type}], but got a [{TokenName(definition[type])}] in [{name}]");
            }

            CheckOptions(type, body);
            if (type == "composite" && parentType is not null && parentType != "filter")
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(null, EsErrors.IllegalArgument(
                    $"[composite] aggregation cannot be used with a parent aggregation of type: [{FactoryName(parentType)}]")));
            }

            var sub = definition["aggs"] ?? definition["aggregations"];
            if (sub is not null)
            {
                if (type is "min" or "max" or "cardinality" or "value_count")
                {
                    throw new EsErrorException(new EsError(400, "aggregation_initialization_exception",
                        $"Aggregator [{name}] of type [{type}] cannot accept sub-aggregations"));
                }

                children = Compile(sub, type);
            }

            specs.Add(new AggregationSpec(name, type, body, children));
        }

        return specs;
    }

    private static void CheckOptions(string type, JsonObject body)
    {
        if (!Options.TryGetValue(type, out var known))
        {
            return;
        }

        foreach (var (key, _) in body)
        {
            if (!known.Contains(key))
            {
                throw new EsErrorException(new EsError(400, "x_content_parse_exception", $"[{type}] unknown field [{key}]"));
            }
        }
    }

    private static string FactoryName(string type) => type switch
    {
        "terms" => "TermsAggregatorFactory",
        "date_histogram" => "DateHistogramAggregatorFactory",
        "filters" => "FiltersAggregatorFactory",
        "composite" => "CompositeAggregationFactory",
        _ => type,
    };

    private static EsErrorException Parsing(string reason) => new(EsErrors.Parsing(reason));

    private static string TokenName(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "START_OBJECT",
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER",
        JsonValueKind.True or JsonValueKind.False => "VALUE_BOOLEAN",
        _ => "VALUE_NULL",
    };
}
