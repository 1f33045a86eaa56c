using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Points in time: Elasticsearch's <c>POST /{index}/_pit</c> and <c>DELETE /_pit</c> (7.10+), OpenSearch's
/// <c>POST /{index}/_search/point_in_time</c> and <c>DELETE /_search/point_in_time</c> (2.4+), and the <c>pit</c>
/// of a search body, with the checks both servers make.
/// </summary>
internal static class PointInTimeHandler
{
    /// <summary>Elasticsearch: <c>{"id":..,"_shards":{..}}</c> (8.x adds <c>_shards</c>; 7.x answers the id alone).</summary>
    public static EsResponse OpenElastic(FakeCluster cluster, EsRequest request, string expression)
    {
        RequireKeepAlive(request, "[keep_alive] is not specified");
        var pit = cluster.Contexts.OpenPointInTime(cluster.Resolve(expression, request.Param("ignore_unavailable") == "true"));
        var answer = new JsonObject { ["id"] = pit.Id };
        if (cluster.Profile.IsServerless || cluster.Profile.AtLeast(8, 0))
        {
            answer["_shards"] = Shards(pit.Indices.Count);
        }

        return EsResponse.Ok(answer);
    }

    /// <summary>OpenSearch: <c>{"pit_id":..,"_shards":{..},"creation_time":millis}</c>.</summary>
    public static EsResponse OpenOpenSearch(FakeCluster cluster, EsRequest request, string expression)
    {
        RequireKeepAlive(request, "keep alive not specified");
        var pit = cluster.Contexts.OpenPointInTime(cluster.Resolve(expression));
        return EsResponse.Ok(new JsonObject
        {
            ["pit_id"] = pit.Id,
            ["_shards"] = Shards(pit.Indices.Count),
            ["creation_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
    }

    /// <summary>Elasticsearch: <c>{"succeeded":true,"num_freed":1}</c>, or 404 with <c>num_freed: 0</c> for an id that is gone.</summary>
    public static EsResponse CloseElastic(FakeCluster cluster, EsRequest request)
    {
        var body = request.Body.Length == 0 ? null : request.ParseJsonBody() as JsonObject;
        if (body?["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
        {
            throw new EsErrorException(EsErrors.Validation(["id is required"]));
        }

        var freed = cluster.Contexts.ClosePointInTime(id.GetValue<string>());
        return EsResponse.Ok(new JsonObject { ["succeeded"] = true, ["num_freed"] = freed ? 1 : 0 }, freed ? 200 : 404);
    }

    /// <summary>OpenSearch: always 200, <c>{"pits":[{"successful":bool,"pit_id":..}]}</c>, one entry per id asked.</summary>
    public static EsResponse CloseOpenSearch(FakeCluster cluster, EsRequest request)
    {
        var body = request.Body.Length == 0 ? null : request.ParseJsonBody() as JsonObject;
        var ids = body?["pit_id"] switch
        {
            JsonArray array => array.Select(v => v?.ToString() ?? "").ToList(),
            JsonValue value => [value.ToString()],
            _ => throw new EsErrorException(EsErrors.Validation(["no pit ids specified"])),
        };
        var pits = new JsonArray();
        foreach (var id in ids)
        {
            pits.Add(new JsonObject { ["successful"] = cluster.Contexts.ClosePointInTime(id), ["pit_id"] = id });
        }

        return EsResponse.Ok(new JsonObject { ["pits"] = pits });
    }

    /// <summary>
    /// Takes <c>pit</c> out of a search body and finds its point in time; null when the body has none. Refuses
    /// <c>pit</c> where the server has no point in time (an unknown key there), with an index in the path or a scroll
    /// (validation errors), and an id that is unknown, closed or expired (404 <c>search_context_missing_exception</c>).
    /// </summary>
    public static FrozenSearch? Take(FakeCluster cluster, EsRequest request, JsonObject body, string? expression)
    {
        if (!body.TryGetPropertyValue("pit", out var pit))
        {
            return null;
        }

        if (!cluster.Profile.HasPointInTime())
        {
            throw new EsErrorException(EsErrors.Parsing($"Unknown key for a {(pit is JsonObject ? "START_OBJECT" : "VALUE_STRING")} in [pit]."));
        }

        body.Remove("pit");
        var problems = new List<string>();
        if (request.Param("scroll") is not null)
        {
            problems.Add("using [point in time] is not allowed in a scroll context");
        }

        if (!string.IsNullOrEmpty(expression))
        {
            problems.Add("[indices] cannot be used with point in time. Do not specify any index with point in time.");
        }

        if (problems.Count > 0)
        {
            throw new EsErrorException(EsErrors.Validation(problems));
        }

        if (pit is not JsonObject spec || spec["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String)
        {
            throw new EsErrorException(EsErrors.Parsing("[pit] failed to parse object: [id] is required"));
        }

        if (spec["keep_alive"] is JsonValue keepAlive && TimeValues.Problem("keep_alive", keepAlive.ToString()) is { } bad)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(bad));
        }

        var id = idValue.GetValue<string>();
        return cluster.Contexts.PointInTime(id) ?? throw new EsErrorException(ContextMissing(id));
    }

    /// <summary>
    /// The sort a search runs with: <c>_shard_doc</c> only inside a point in time and only where it exists; added
    /// last to a sorted point-in-time search on Elasticsearch 7.12+; <c>_id</c> only where field data on it is allowed.
    /// </summary>
    public static List<SortSpec> Sorts(ServerProfile profile, List<SortSpec> sorts, FrozenSearch? pit, List<KeyValuePair<string, string>> warnings)
    {
        if (sorts.Any(s => s.Field == "_shard_doc"))
        {
            if (!profile.HasShardDocSort())
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(pit?.Indices.FirstOrDefault()?.ConcreteName,
                    new EsError(400, "query_shard_exception", "No mapping found for [_shard_doc] in order to sort on")));
            }

            if (pit is null)
            {
                throw new EsErrorException(EsErrors.Validation(["[_shard_doc] sort field cannot be used without [point in time]"]));
            }
        }

        if (sorts.Any(s => s.Field == "_id"))
        {
            if (!profile.AllowsIdSort())
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(pit?.Indices.FirstOrDefault()?.ConcreteName, EsErrors.IllegalArgument(
                    "Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled")));
            }

            warnings.Add(profile.Warning(
                "Loading the fielddata on the _id field is deprecated and will be removed in future versions. If you require sorting or aggregating on this field you should also include the id in the body of your documents, and map this field as a keyword field that has [doc_values] enabled"));
        }

        if (pit is not null && sorts.Count > 0 && profile.AddsShardDocTiebreaker() && !sorts.Any(s => s.Field == "_shard_doc"))
        {
            return [.. sorts, new SortSpec("_shard_doc", false, null)];
        }

        return sorts;
    }

    /// <summary>What both servers answer for a point in time or scroll that is closed, expired or never was.</summary>
    public static EsError ContextMissing(string id)
    {
        var cause = new EsError(404, "search_context_missing_exception", $"No search context found for id [{id}]");
        var failure = new JsonObject { ["shard"] = -1, ["index"] = null, ["reason"] = cause.ToXContent() };
        return new EsError(404, "search_phase_execution_exception", "all shards failed") { CausedBy = cause, RootCauseOverride = cause }
            .With("phase", "query")
            .With("grouped", true)
            .With("failed_shards", new JsonArray(failure));
    }

    private static void RequireKeepAlive(EsRequest request, string message)
    {
        if (request.Param("keep_alive") is not { } keepAlive)
        {
            throw new EsErrorException(EsErrors.Validation([message]));
        }

        if (TimeValues.Problem("keep_alive", keepAlive) is { } problem)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(problem));
        }
    }

    private static JsonObject Shards(int count) => new()
    {
        ["total"] = count,
        ["successful"] = count,
        ["skipped"] = 0,
        ["failed"] = 0,
    };
}
