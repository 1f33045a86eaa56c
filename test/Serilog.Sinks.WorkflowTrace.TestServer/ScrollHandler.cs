using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Scrolls: <c>POST /{index}/_search?scroll=1m</c> keeps the sorted hits of the first search, <c>POST /_search/scroll</c>
/// hands out the next page, <c>DELETE /_search/scroll</c> clears it (<c>{"succeeded":true,"num_freed":N}</c>, 404 when
/// nothing was freed).
/// </summary>
internal static class ScrollHandler
{
    /// <summary>Whether the search opens a scroll; refuses what Elasticsearch refuses in a scroll context.</summary>
    public static bool Check(EsRequest request, JsonObject body)
    {
        if (request.Param("scroll") is not { } keepAlive)
        {
            return false;
        }

        if (TimeValues.Problem("scroll", keepAlive) is { } problem)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(problem));
        }

        var problems = new List<string>();
        if (body["search_after"] is not null)
        {
            problems.Add("`search_after` cannot be used in a scroll context.");
        }

        if ((int.TryParse(request.Param("from") ?? body["from"]?.ToString(), out var from) ? from : 0) > 0)
        {
            problems.Add("using [from] is not allowed in a scroll context");
        }

        if (problems.Count > 0)
        {
            throw new EsErrorException(EsErrors.Validation(problems));
        }

        return true;
    }

    /// <summary>Keeps the rest of a first search's hits; returns the scroll's id.</summary>
    public static string Open(FakeCluster cluster, List<SearchDocument> matches, Dictionary<SearchDocument, JsonNode?[]> sortValues,
        List<SortSpec> sorts, int position, int size, JsonObject body, EsRequest request, int shards)
    {
        var cursor = new ScrollCursor(cluster.Contexts.NewScrollId(), matches, sortValues, sorts, size, body, request, shards) { Position = position };
        cluster.Contexts.AddScroll(cursor);
        return cursor.Id;
    }

    /// <summary><c>POST /_search/scroll</c> with <c>{"scroll":"1m","scroll_id":".."}</c> (or the id as a parameter).</summary>
    public static EsResponse Next(FakeCluster cluster, EsRequest request)
    {
        var body = request.Body.Length == 0 ? [] : request.ParseJsonBody() as JsonObject ?? [];
        var id = (body["scroll_id"] as JsonValue)?.ToString() ?? request.Param("scroll_id");
        if (string.IsNullOrEmpty(id))
        {
            throw new EsErrorException(EsErrors.Validation(["scrollId is missing"]));
        }

        var cursor = cluster.Contexts.Scroll(id) ?? throw new EsErrorException(PointInTimeHandler.ContextMissing(id));
        var answer = SearchHandler.Answer(cursor.Matches, cursor.SortValues, cursor.Sorts, cursor.Position, cursor.Size, cursor.Body, cursor.Request, cursor.Shards);
        cursor.Position += cursor.Size;
        var ordered = new JsonObject { ["_scroll_id"] = cursor.Id };
        foreach (var (key, value) in answer.ToList())
        {
            answer.Remove(key);
            ordered[key] = value;
        }

        return EsResponse.Ok(ordered);
    }

    /// <summary><c>DELETE /_search/scroll</c> with <c>{"scroll_id":[..]}</c> (a string is taken too).</summary>
    public static EsResponse Clear(FakeCluster cluster, EsRequest request, bool all)
    {
        var freed = 0;
        if (all)
        {
            freed = cluster.Contexts.CloseAllScrolls();
        }
        else
        {
            var body = request.Body.Length == 0 ? null : request.ParseJsonBody() as JsonObject;
            var ids = body?["scroll_id"] switch
            {
                JsonArray array => array.Select(v => v?.ToString() ?? "").ToList(),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
                _ => request.Param("scroll_id")?.Split(',').ToList()
                    ?? throw new EsErrorException(EsErrors.Validation(["no scroll ids specified"])),
            };
            freed = ids.Count(cluster.Contexts.CloseScroll);
        }

        return EsResponse.Ok(new JsonObject { ["succeeded"] = true, ["num_freed"] = freed }, freed > 0 ? 200 : 404);
    }
}
