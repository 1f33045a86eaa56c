using System.Net;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary><c>_cluster/health</c>, <c>_cat/health</c> and <c>_cat/indices</c> answer as Elasticsearch does.</summary>
public class FakeElasticsearchHealthTests
{
    static async Task With(Func<FakeElasticsearch, ServerCalls, Task> use, string root = RootResponses.Elasticsearch910, string[]? forbidden = null)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root, Forbidden = forbidden ?? [] });
        using var calls = new ServerCalls(server);
        await use(server, calls);
    }

    [Test]
    public async Task ASingleNodeIsYellowOnceAnIndexHasAReplicaItCannotPlace()
    {
        await With(async (_, calls) =>
        {
            var empty = await calls.GetAsync("/_cluster/health");
            await calls.PutAsync("/traces", """{"settings":{"number_of_shards":2}}""");
            await calls.PutAsync("/solo", """{"settings":{"number_of_replicas":0}}""");
            var health = await calls.GetAsync("/_cluster/health");
            var solo = await calls.GetAsync("/_cluster/health/solo?level=indices");

            Assert.That(empty.Json!["status"]!.GetValue<string>(), Is.EqualTo("green"), "no index, nothing unassigned");
            Assert.That(health.Json!["cluster_name"]!.GetValue<string>(), Is.EqualTo("my_test_cluster"), "the root answer's cluster name");
            Assert.That(health.Json!["status"]!.GetValue<string>(), Is.EqualTo("yellow"));
            Assert.That(health.Json!["number_of_nodes"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(health.Json!["active_primary_shards"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(health.Json!["active_shards"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(health.Json!["unassigned_shards"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(health.Json!["active_shards_percent_as_number"]!.GetValue<double>(), Is.EqualTo(60.0));
            Assert.That(solo.Json!["status"]!.GetValue<string>(), Is.EqualTo("green"), "only the index asked about");
            Assert.That(solo.Json!["indices"]!["solo"]!["number_of_replicas"]!.GetValue<int>(), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task TwoNodesPlaceTheReplicasAndTurnGreen()
    {
        await using var cluster = await FakeElasticsearchCluster.StartAsync(2);
        using var calls = new ServerCalls(cluster.Nodes[1]);
        await calls.PutAsync("/traces", "{}");

        var health = await calls.GetAsync("/_cluster/health");

        Assert.That(health.Json!["status"]!.GetValue<string>(), Is.EqualTo("green"));
        Assert.That(health.Json!["number_of_nodes"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(health.Json!["active_shards"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(health.Json!["unassigned_shards"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task AMissingIndexOrAStatusNotReachedAnswers408Red()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces", "{}");
            var missing = await calls.GetAsync("/_cluster/health/nope");
            var waiting = await calls.GetAsync("/_cluster/health?wait_for_status=green&timeout=1s");

            Assert.That((missing.Status, missing.Json!["status"]!.GetValue<string>(), missing.Json!["timed_out"]!.GetValue<bool>()),
                Is.EqualTo(((HttpStatusCode)408, "red", true)));
            Assert.That((waiting.Status, waiting.Json!["status"]!.GetValue<string>()), Is.EqualTo(((HttpStatusCode)408, "yellow")));
        });
    }

    [Test]
    public async Task ServerlessHasNoClusterHealth()
    {
        await With(async (_, calls) =>
        {
            var health = await calls.GetAsync("/_cluster/health");
            var cat = await calls.GetAsync("/_cat/health?format=json");
            var indices = await calls.GetAsync("/_cat/indices?format=json");

            health.AssertError(410, "api_not_available_exception",
                "Request for uri [/_cluster/health] with method [GET] exists but is not available when running in serverless mode");
            Assert.That((int)cat.Status, Is.EqualTo(410));
            Assert.That(indices.Status, Is.EqualTo(HttpStatusCode.OK), "_cat/indices is there");
        }, RootResponses.ElasticsearchServerless940);
    }

    [Test]
    public async Task CatHealthGivesEveryValueAsAString()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces", "{}");
            var health = await calls.GetAsync("/_cat/health?format=json");
            var picked = await calls.GetAsync("/_cat/health?format=json&h=cluster,st,unassign");

            var row = health.Json!.AsArray().Single()!.AsObject();
            Assert.That(row.Select(p => p.Key), Is.EqualTo(new[]
            {
                "epoch", "timestamp", "cluster", "status", "node.total", "node.data", "shards", "pri", "relo", "init", "unassign",
                "unassign.pri", "pending_tasks", "max_task_wait_time", "active_shards_percent",
            }));
            Assert.That(row.Select(p => p.Value!.GetValueKind()), Has.All.EqualTo(System.Text.Json.JsonValueKind.String));
            Assert.That(row["active_shards_percent"]!.GetValue<string>(), Is.EqualTo("50.0%"));
            Assert.That(picked.Json!.ToJsonString(), Is.EqualTo("""[{"cluster":"my_test_cluster","st":"yellow","unassign":"1"}]"""), "keys as asked, aliases too");
        });
    }

    [Test]
    public async Task CatIndicesListsCountsSizesAndCreationDatesAsStrings()
    {
        await With(async (_, calls) =>
        {
            await calls.CreateAsync("traces-2024.01.02", """{"message":"a"}""", """{"message":"b"}""");
            await calls.CreateAsync("traces-2024.01.01", """{"message":"c"}""");
            await calls.CreateAsync("other", """{"message":"d"}""");

            var all = await calls.GetAsync("/_cat/indices/traces-*?format=json&bytes=b&h=index,docs.count,store.size,health,status,creation.date&s=index");
            var human = await calls.GetAsync("/_cat/indices/traces-2024.01.02?format=json&h=i,ss");
            var missing = await calls.GetAsync("/_cat/indices/nope?format=json");
            var none = await calls.GetAsync("/_cat/indices/nope-*?format=json");

            var rows = all.Json!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.That(rows.Select(r => r["index"]!.GetValue<string>()), Is.EqualTo(new[] { "traces-2024.01.01", "traces-2024.01.02" }));
            Assert.That(rows.Select(r => r["docs.count"]!.GetValue<string>()), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(rows.Select(r => long.Parse(r["store.size"]!.GetValue<string>())), Has.All.GreaterThan(0));
            Assert.That(rows[0].Select(p => p.Key), Is.EqualTo(new[] { "index", "docs.count", "store.size", "health", "status", "creation.date" }));
            Assert.That(rows[0]["health"]!.GetValue<string>(), Is.EqualTo("yellow"));
            Assert.That(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(rows[0]["creation.date"]!.GetValue<string>())),
                Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(human.Json![0]!["ss"]!.GetValue<string>(), Does.Match(@"^\d+(\.\d)?(b|kb)$"));
            missing.AssertError(404, "index_not_found_exception", "no such index [nope]");
            Assert.That(none.Json!.ToJsonString(), Is.EqualTo("[]"), "a wildcard may match nothing");
        });
    }

    [Test]
    public async Task CatIndicesListsADataStreamAsItsBackingIndex()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["trace-ds"],"priority":200,"data_stream":{}}""");
            await calls.CreateAsync("trace-ds", """{"@timestamp":"2025-01-01T00:00:00Z"}""");

            var byName = await calls.GetAsync("/_cat/indices/trace-ds?format=json&h=index,docs.count");
            var stream = await calls.GetAsync("/_data_stream/trace-ds");
            var missing = await calls.GetAsync("/_data_stream/nope");

            var backing = byName.Json![0]!["index"]!.GetValue<string>();
            Assert.That(backing, Does.StartWith(".ds-trace-ds-").And.EndWith("-000001"));
            Assert.That(byName.Json![0]!["docs.count"]!.GetValue<string>(), Is.EqualTo("1"));
            var described = stream.Json!["data_streams"]![0]!;
            Assert.That(described["name"]!.GetValue<string>(), Is.EqualTo("trace-ds"));
            Assert.That(described["indices"]![0]!["index_name"]!.GetValue<string>(), Is.EqualTo(backing));
            Assert.That(described["status"]!.GetValue<string>(), Is.EqualTo("YELLOW"));
            missing.AssertError(404, "index_not_found_exception", "no such index [nope]");
        });
    }

    [Test]
    public async Task HealthAndCatNeedMonitorAndIndexPrivileges()
    {
        await With(async (_, calls) =>
        {
            var health = await calls.GetAsync("/_cluster/health");
            var cat = await calls.GetAsync("/_cat/indices/traces-*?format=json");

            health.AssertError(403, "security_exception",
                "action [cluster:monitor/health] is unauthorized for user [elastic] with effective roles [writer], this action is granted by the cluster privileges [monitor,manage,all]");
            Assert.That(cat.ErrorReason, Does.Contain("[indices:monitor/stats]").And.Contain("on indices [traces-*]").And.EndWith("index privileges [monitor,manage,all]"));
        }, forbidden: ["_cluster", "_cat"]);
    }
}
