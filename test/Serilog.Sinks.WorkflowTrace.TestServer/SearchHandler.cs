using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary><c>_search</c> and <c>_count</c> over the stored documents, for reading back in tests.</summary>
internal static class SearchHandler
{
    private const int MaxResultWindow = 10_000;

    private static readonly HashSet<string> SupportedKeys = new(StringComparer.Ordinal)
    {
        "query", "post_filter", "size", "from", "sort", "track_total_hits", "_source", "search_after",
        "timeout", "track_scores", "terminate_after", "version", "seq_no_primary_term", "aggs", "aggregations",
    };

    private static readonly HashSet<string> UnsupportedKeys = new(StringComparer.Ordinal)
    {
        "pit", "highlight", "collapse", "rescore", "suggest", "knn", "retriever",
        "runtime_mappings", "fields", "docvalue_fields", "script_fields", "stored_fields", "min_score",
        "indices_boost", "explain", "profile", "slice", "stats", "rank", "sub_searches", "ext",
    };

    public static EsResponse Search(FakeCluster cluster, EsRequest request, string? expression)
    {
        var body = ReadBody(request);
        var pit = PointInTimeHandler.Take(cluster, request, body, expression);
        foreach (var (key, value) in body)
        {
            if (UnsupportedKeys.Contains(key))
            {
                throw new EsErrorException(EsErrors.Unsupported($"[{key}] in search requests"));
            }

            if (!SupportedKeys.Contains(key))
            {
                throw new EsErrorException(EsErrors.Parsing($"Unknown key for a {TokenName(value)} in [{key}]."));
            }
        }

        if (request.Query.ContainsKey("q"))
        {
            throw new EsErrorException(EsErrors.Unsupported("the [q] parameter (query string search)"));
        }

        var size = Int(request.Param("size")) ?? Int(body["size"]?.ToString()) ?? 10;
        var from = Int(request.Param("from")) ?? Int(body["from"]?.ToString()) ?? 0;
        if (size < 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument($"[size] parameter cannot be negative, found [{size}]"));
        }

        var indices = pit?.Indices ?? Resolve(cluster, request, expression);
        if (from + size > MaxResultWindow)
        {
            throw new EsErrorException(EsErrors.SearchPhaseFailure(indices.FirstOrDefault()?.ConcreteName, EsErrors.IllegalArgument(
                $"Result window is too large, from + size must be less than or equal to: [{MaxResultWindow}] but was [{from + size}]. " +
                "See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.")));
        }

        var aggregations = AggregationCompiler.Compile(body["aggs"] ?? body["aggregations"]);
        var scroll = ScrollHandler.Check(request, body);
        var documents = (pit?.Documents ?? Live(indices)).ToList();
        var warnings = new List<KeyValuePair<string, string>>();
        var sorts = PointInTimeHandler.Sorts(cluster.Profile, SortSpec.Parse(body["sort"], request.Param("sort")), pit, warnings);
        var (matches, sortValues) = SortedMatches(pit, documents, body, sorts, request.Param("sort"));

        if (body["search_after"] is JsonArray after)
        {
            if (sorts.Count == 0)
            {
                throw new EsErrorException(EsErrors.IllegalArgument("Sort must contain at least one field."));
            }

            var afterValues = after.Select(v => v?.DeepClone()).ToArray();
            var first = FirstAfter(matches, sortValues, afterValues, sorts);
            matches = matches.GetRange(first, matches.Count - first);
        }

        var answer = Answer(matches, sortValues, sorts, from, size, body, request, indices.Count);
        if (aggregations.Count > 0)
        {
            // Aggregations see the query's matches, not the post_filter's.
            answer["aggregations"] = AggregationRunner.Answer(aggregations, Matching(documents, body["query"], null), documents);
        }

        if (pit is not null)
        {
            answer["pit_id"] = pit.Id;
        }

        if (scroll)
        {
            answer["_scroll_id"] = ScrollHandler.Open(cluster, matches, sortValues, sorts, from + size, size, body, request, indices.Count);
        }

        var response = EsResponse.Ok(answer);
        response.Headers.AddRange(warnings);
        return response;
    }

    /// <summary>One page of an answer: <paramref name="size"/> hits of <paramref name="matches"/> from <paramref name="from"/>.</summary>
    /// <summary>The query's matches in sort order, with their sort values; through a point in time, computed once per query and sort.</summary>
    private static (List<SearchDocument> Matches, Dictionary<SearchDocument, JsonNode?[]> SortValues) SortedMatches(
        FrozenSearch? pit, List<SearchDocument> documents, JsonObject body, List<SortSpec> sorts, string? sortParameter)
    {
        var key = pit is null ? null : $"{body["query"]?.ToJsonString()}|{body["post_filter"]?.ToJsonString()}|{body["sort"]?.ToJsonString()}|{sortParameter}";
        if (key is not null && pit!.SortedMatches.TryGetValue(key, out var cached))
        {
            return (cached.Sorted, cached.SortValues);
        }

        var matches = Matching(documents, body["query"], body["post_filter"]);
        var sortValues = matches.ToDictionary(doc => doc, doc => sorts.Select(s => s.ValueOf(doc)).ToArray());
        if (sorts.Count > 0)
        {
            matches.Sort((a, b) => SortSpec.Compare(sortValues[a], sortValues[b], sorts));
        }

        if (key is not null)
        {
            pit!.SortedMatches[key] = (matches, sortValues);
        }

        return (matches, sortValues);
    }

    /// <summary>The position of the first match sorting after <paramref name="after"/> (the matches are in sort order).</summary>
    private static int FirstAfter(List<SearchDocument> matches, Dictionary<SearchDocument, JsonNode?[]> sortValues, JsonNode?[] after, List<SortSpec> sorts)
    {
        int low = 0, high = matches.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (SortSpec.Compare(sortValues[matches[middle]], after, sorts) > 0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    public static JsonObject Answer(List<SearchDocument> matches, Dictionary<SearchDocument, JsonNode?[]> sortValues, List<SortSpec> sorts,
        int from, int size, JsonObject body, EsRequest request, int shards)
    {
        var scored = sorts.Count == 0 || sorts.Any(s => s.Field == "_score") || body["track_scores"]?.GetValueKind() == JsonValueKind.True;
        var score = QueryCompiler.IsFilterOnly(body["query"]) ? 0.0m : 1.0m;
        var hits = new JsonArray();
        foreach (var doc in matches.Skip(from).Take(size))
        {
            var hit = new JsonObject
            {
                ["_index"] = doc.Index.ConcreteName,
                ["_id"] = doc.Stored.Id,
            };
            if (body["version"]?.GetValueKind() == JsonValueKind.True)
            {
                hit["_version"] = doc.Stored.Version;
            }

            if (body["seq_no_primary_term"]?.GetValueKind() == JsonValueKind.True)
            {
                hit["_seq_no"] = doc.Stored.SeqNo;
                hit["_primary_term"] = 1;
            }

            hit["_score"] = scored ? JsonValue.Create(score) : null;

            // A frozen document's parsed source serves many pages: each hit gets its own copy.
            if (doc.Index.Mapping.SourceEnabled && SourceFilter(body["_source"], request.Param("_source")) is { } source)
            {
                hit["_source"] = source(doc.Source.DeepClone());
            }

            if (sorts.Count > 0)
            {
                hit["sort"] = new JsonArray(sortValues[doc].Select(v => v?.DeepClone()).ToArray());
            }

            hits.Add(hit);
        }

        var hitsObject = new JsonObject();
        if (Total(matches.Count, body["track_total_hits"], request) is { } total)
        {
            hitsObject["total"] = total;
        }

        hitsObject["max_score"] = scored && matches.Count > 0 ? JsonValue.Create(score) : null;
        hitsObject["hits"] = hits;
        return new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = Shards(shards),
            ["hits"] = hitsObject,
        };
    }

    public static EsResponse Count(FakeCluster cluster, EsRequest request, string? expression)
    {
        var body = ReadBody(request);
        foreach (var (key, _) in body)
        {
            if (key != "query")
            {
                throw new EsErrorException(EsErrors.Parsing($"request does not support [{key}]"));
            }
        }

        var indices = Resolve(cluster, request, expression);
        return EsResponse.Ok(new JsonObject
        {
            ["count"] = Matching(indices, body["query"], null).Count,
            ["_shards"] = Shards(indices.Count),
        });
    }

    private static JsonObject ReadBody(EsRequest request)
    {
        if (request.Body.Length == 0)
        {
            return [];
        }

        return request.ParseJsonBody() as JsonObject
            ?? throw new EsErrorException(EsErrors.Parsing("request body or source parameter is required"));
    }

    private static List<FakeIndex> Resolve(FakeCluster cluster, EsRequest request, string? expression) =>
        cluster.Resolve(expression, request.Param("ignore_unavailable") == "true", request.Param("allow_no_indices") != "false");

    private static List<SearchDocument> Matching(List<FakeIndex> indices, JsonNode? query, JsonNode? postFilter) =>
        Matching(Live(indices), query, postFilter);

    private static List<SearchDocument> Matching(IEnumerable<SearchDocument> documents, JsonNode? query, JsonNode? postFilter)
    {
        var matches = QueryCompiler.Compile(query);
        var filter = QueryCompiler.Compile(postFilter);
        return documents.Where(doc => matches(doc) && filter(doc)).ToList();
    }

    private static IEnumerable<SearchDocument> Live(List<FakeIndex> indices) =>
        indices.SelectMany(index => index.Documents.Values.OrderBy(d => d.Order)
            .Select(d => new SearchDocument(index, d, JsonNode.Parse(d.SourceJson)!)));

    private static Func<JsonNode, JsonNode>? SourceFilter(JsonNode? bodySource, string? urlSource)
    {
        var spec = urlSource is not null ? JsonValue.Create(urlSource) : bodySource;
        switch (spec)
        {
            case null:
                return source => source;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False || value.ToString() is "true" or "false":
                return value.ToString() is "true" or "True" ? source => source : null;
            case JsonValue value:
                var includes = value.ToString().Split(',');
                return source => FilterPath.Apply(source, includes, []);
            case JsonArray array:
                return source => FilterPath.Apply(source, array.Select(v => v!.ToString()), []);
            case JsonObject obj:
                var include = Strings(obj["includes"] ?? obj["include"]);
                var exclude = Strings(obj["excludes"] ?? obj["exclude"]);
                return source => FilterPath.Apply(source, include, exclude);
            default:
                return source => source;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(v => v!.ToString()).ToList(),
        _ => [node.ToString()],
    };

    private static JsonNode? Total(int count, JsonNode? track, EsRequest request)
    {
        if (track?.GetValueKind() == JsonValueKind.False || request.Param("track_total_hits") == "false")
        {
            return null;
        }

        var limit = track?.GetValueKind() == JsonValueKind.True || request.Param("track_total_hits") == "true"
            ? int.MaxValue
            : Int(track?.ToString()) ?? Int(request.Param("track_total_hits")) ?? MaxResultWindow;
        if (request.Param("rest_total_hits_as_int") == "true")
        {
            return count;
        }

        return new JsonObject
        {
            ["value"] = Math.Min(count, limit),
            ["relation"] = count > limit ? "gte" : "eq",
        };
    }

    private static JsonObject Shards(int count) => new()
    {
        ["total"] = count,
        ["successful"] = count,
        ["skipped"] = 0,
        ["failed"] = 0,
    };

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

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
