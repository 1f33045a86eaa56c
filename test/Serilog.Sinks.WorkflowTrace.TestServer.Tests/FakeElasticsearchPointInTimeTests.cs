using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>
/// Points in time (Elasticsearch's <c>_pit</c>, OpenSearch's <c>_search/point_in_time</c>) and scrolls: a frozen view,
/// the answers' shapes, the refusals, and the count of what is open so a client's closing can be checked.
/// </summary>
public class FakeElasticsearchPointInTimeTests
{
    static async Task<(FakeElasticsearch Server, ServerCalls Calls)> StartAsync(string root, int documents)
    {
        var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root });
        var calls = new ServerCalls(server);
        if (documents > 0)
        {
            await calls.CreateAsync("traces", Enumerable.Range(0, documents).Select(Document).ToArray());
        }

        return (server, calls);
    }

    static string Document(int i) =>
        new JsonObject { ["n"] = i, ["datetime"] = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(i / 2).ToString("yyyy-MM-dd'T'HH:mm:ss") }.ToJsonString();

    static string PitSearch(string id, string sort, JsonArray? after = null, int size = 100) =>
        new JsonObject
        {
            ["size"] = size,
            ["pit"] = new JsonObject { ["id"] = id, ["keep_alive"] = "1m" },
            ["sort"] = JsonNode.Parse(sort),
            ["search_after"] = after,
        }.ToJsonString();

    static List<int> Numbers(ServerAnswer answer) =>
        answer.Json!["hits"]!["hits"]!.AsArray().Select(h => h!["_source"]!["n"]!.GetValue<int>()).ToList();

    [Test]
    public async Task AnElasticsearchPointInTimeIsAFrozenViewThatIsCountedUntilClosed()
    {
        var (server, calls) = await StartAsync(RootResponses.Elasticsearch910, 6);
        await using var _ = server;
        using var __ = calls;

        var opened = await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m");
        Assert.That(opened.Status, Is.EqualTo(HttpStatusCode.OK), opened.Text);
        var id = opened.Json!["id"]!.GetValue<string>();
        Assert.That(opened.Json["_shards"]!["failed"]!.GetValue<int>(), Is.Zero);
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.EqualTo(1));

        await calls.CreateAsync("traces", Document(6), Document(7));
        var page = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"}]"""));

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Text);
        Assert.That(Numbers(page), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }), "documents indexed after the point in time opened are not seen");
        Assert.That(page.Json!["pit_id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(page.Json["hits"]!["hits"]![0]!["sort"]!.AsArray(), Has.Count.EqualTo(2), "the implicit _shard_doc tiebreaker is shown");

        var closed = await calls.SendAsync("DELETE", "/_pit", new JsonObject { ["id"] = id }.ToJsonString());
        Assert.That(closed.Status, Is.EqualTo(HttpStatusCode.OK), closed.Text);
        Assert.That(closed.Json!.ToJsonString(), Is.EqualTo("""{"succeeded":true,"num_freed":1}"""));
        Assert.That(server.SearchContexts, Is.EqualTo(new SearchContextCounts(0, 0, 1, 0)));

        var again = await calls.SendAsync("DELETE", "/_pit", new JsonObject { ["id"] = id }.ToJsonString());
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NotFound), again.Text);
        Assert.That(again.Json!["num_freed"]!.GetValue<int>(), Is.Zero);

        var gone = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"}]"""));
        Assert.That((int)gone.Status, Is.EqualTo(404), gone.Text);
        Assert.That(gone.Json!["error"]!["root_cause"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("search_context_missing_exception"));
    }

    [Test]
    public async Task SearchAfterWithTheShardDocTiebreakerPagesThroughEqualSortValuesWithoutLossOrRepeat()
    {
        var (server, calls) = await StartAsync(RootResponses.Elasticsearch8153, 9);
        await using var _ = server;
        using var __ = calls;
        var id = (await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m")).Json!["id"]!.GetValue<string>();

        var seen = new List<int>();
        JsonArray? after = null;
        while (true)
        {
            var page = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"desc"},{"_shard_doc":"asc"}]""", after, size: 2));
            Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Text);
            var hits = page.Json!["hits"]!["hits"]!.AsArray();
            if (hits.Count == 0)
            {
                break;
            }

            seen.AddRange(Numbers(page));
            after = hits[^1]!["sort"]!.AsArray().DeepClone().AsArray();
        }

        Assert.That(seen, Is.EqualTo(new[] { 8, 6, 7, 4, 5, 2, 3, 0, 1 }));
    }

    [Test]
    public async Task APointInTimeSearchMayNotNameAnIndexNorScroll()
    {
        var (server, calls) = await StartAsync(RootResponses.Elasticsearch910, 1);
        await using var _ = server;
        using var __ = calls;
        var id = (await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m")).Json!["id"]!.GetValue<string>();

        var withIndex = await calls.SendAsync("POST", "/traces/_search", PitSearch(id, """["datetime"]"""));
        withIndex.AssertError(400, "action_request_validation_exception",
            "Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;");
        var scrolling = await calls.SendAsync("POST", "/_search?scroll=1m", PitSearch(id, """["datetime"]"""));
        scrolling.AssertError(400, "action_request_validation_exception", "Validation Failed: 1: using [point in time] is not allowed in a scroll context;");
        var shardDocAlone = await calls.SendAsync("POST", "/traces/_search", """{"sort":["_shard_doc"]}""");
        shardDocAlone.AssertError(400, "action_request_validation_exception", "Validation Failed: 1: [_shard_doc] sort field cannot be used without [point in time];");
        var noKeepAlive = await calls.SendAsync("POST", "/traces/_pit");
        noKeepAlive.AssertError(400, "action_request_validation_exception", "Validation Failed: 1: [keep_alive] is not specified;");
    }

    [TestCase("7.9.3")]
    [TestCase("7.0.1")]
    public async Task ElasticsearchBefore710HasNoPointInTime(string version)
    {
        var (server, calls) = await StartAsync(RootVersions.Elasticsearch(version), 1);
        await using var _ = server;
        using var __ = calls;

        var open = await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m");
        Assert.That((int)open.Status, Is.EqualTo(400), open.Text);
        Assert.That(open.Json!["error"]!.GetValue<string>(), Is.EqualTo("no handler found for uri [/traces/_pit?keep_alive=1m] and method [POST]"));
        var search = await calls.SendAsync("POST", "/_search", PitSearch("abc", """["datetime"]"""));
        search.AssertError(400, "parsing_exception", "Unknown key for a START_OBJECT in [pit].");
    }

    [Test]
    public async Task Elasticsearch710And711HaveAPointInTimeButNoShardDocAndSortOnIdWithADeprecation()
    {
        var (server, calls) = await StartAsync(RootVersions.Elasticsearch("7.10.2"), 3);
        await using var _ = server;
        using var __ = calls;
        var opened = await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m");
        Assert.That(opened.Json!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "id" }), "7.x answers the id alone");
        var id = opened.Json!["id"]!.GetValue<string>();

        var shardDoc = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"},{"_shard_doc":"asc"}]"""));
        Assert.That((int)shardDoc.Status, Is.EqualTo(400), shardDoc.Text);
        Assert.That(shardDoc.Json!["error"]!["root_cause"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("No mapping found for [_shard_doc] in order to sort on"));

        var byId = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"},{"_id":"asc"}]"""));
        Assert.That(byId.Status, Is.EqualTo(HttpStatusCode.OK), byId.Text);
        Assert.That(byId.Json!["hits"]!["hits"]![0]!["sort"]!.AsArray(), Has.Count.EqualTo(2), "no implicit tiebreaker before 7.12");
        Assert.That(byId.Warnings.Single(), Does.Contain("Loading the fielddata on the _id field is deprecated"));
    }

    [Test]
    public async Task Elasticsearch8RefusesToSortOnId()
    {
        var (server, calls) = await StartAsync(RootResponses.Elasticsearch8153, 1);
        await using var _ = server;
        using var __ = calls;

        var byId = await calls.SendAsync("POST", "/traces/_search", """{"sort":[{"_id":"asc"}]}""");

        Assert.That((int)byId.Status, Is.EqualTo(400), byId.Text);
        Assert.That(byId.Json!["error"]!["root_cause"]![0]!["reason"]!.GetValue<string>(), Does.StartWith("Fielddata access on the _id field is disallowed"));
    }

    [Test]
    public async Task OpenSearchHasItsOwnPointInTimeApiAndNoShardDocBefore33()
    {
        var (server, calls) = await StartAsync(RootResponses.OpenSearch2171, 4);
        await using var _ = server;
        using var __ = calls;

        Assert.That((int)(await calls.SendAsync("POST", "/traces/_pit?keep_alive=1m")).Status, Is.EqualTo(400), "Elasticsearch's route is not there");
        var created = await calls.SendAsync("POST", "/traces/_search/point_in_time?keep_alive=1m");
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
        Assert.That(created.Json!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "pit_id", "_shards", "creation_time" }));
        var id = created.Json!["pit_id"]!.GetValue<string>();
        await calls.CreateAsync("traces", Document(4));

        var shardDoc = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"},{"_shard_doc":"asc"}]"""));
        Assert.That((int)shardDoc.Status, Is.EqualTo(400), shardDoc.Text);
        var byId = await calls.SendAsync("POST", "/_search", PitSearch(id, """[{"datetime":"asc"},{"_id":"asc"}]"""));
        Assert.That(byId.Status, Is.EqualTo(HttpStatusCode.OK), byId.Text);
        Assert.That(Numbers(byId), Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
        Assert.That(byId.Json!["pit_id"]!.GetValue<string>(), Is.EqualTo(id));

        var deleted = await calls.SendAsync("DELETE", "/_search/point_in_time", new JsonObject { ["pit_id"] = new JsonArray(id) }.ToJsonString());
        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK), deleted.Text);
        Assert.That(deleted.Json!.ToJsonString(), Is.EqualTo(new JsonObject { ["pits"] = new JsonArray(new JsonObject { ["successful"] = true, ["pit_id"] = id }) }.ToJsonString()));
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task OpenSearchBefore24HasNoPointInTime()
    {
        var (server, calls) = await StartAsync(RootVersions.OpenSearch("2.3.0"), 1);
        await using var _ = server;
        using var __ = calls;

        var created = await calls.SendAsync("POST", "/traces/_search/point_in_time?keep_alive=1m");

        Assert.That((int)created.Status, Is.EqualTo(400), created.Text);
        Assert.That(created.Json!["error"]!.GetValue<string>(), Does.StartWith("no handler found"));
    }

    [Test]
    public async Task ASortedScrollHandsOutEveryHitOnceAndIsCountedUntilCleared()
    {
        var (server, calls) = await StartAsync(RootVersions.Elasticsearch("7.9.3"), 25);
        await using var _ = server;
        using var __ = calls;

        var first = await calls.SendAsync("POST", "/traces/_search?scroll=1m", """{"size":10,"sort":[{"datetime":"desc"}]}""");
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        var scrollId = first.Json!["_scroll_id"]!.GetValue<string>();
        var seen = Numbers(first);
        await calls.CreateAsync("traces", Document(25));
        for (var page = 0; page < 3; page++)
        {
            var next = await calls.SendAsync("POST", "/_search/scroll", new JsonObject { ["scroll"] = "1m", ["scroll_id"] = scrollId }.ToJsonString());
            Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK), next.Text);
            seen.AddRange(Numbers(next));
        }

        Assert.That(seen, Has.Count.EqualTo(25));
        Assert.That(seen.Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 25)));
        Assert.That(server.SearchContexts.OpenScrolls, Is.EqualTo(1));
        var cleared = await calls.SendAsync("DELETE", "/_search/scroll", new JsonObject { ["scroll_id"] = new JsonArray(scrollId) }.ToJsonString());
        Assert.That(cleared.Json!.ToJsonString(), Is.EqualTo("""{"succeeded":true,"num_freed":1}"""));
        Assert.That(server.SearchContexts, Is.EqualTo(new SearchContextCounts(0, 0, 0, 1)));
        var after = await calls.SendAsync("POST", "/_search/scroll", new JsonObject { ["scroll"] = "1m", ["scroll_id"] = scrollId }.ToJsonString());
        Assert.That((int)after.Status, Is.EqualTo(404), after.Text);
    }
}
