using System.Net;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Several nodes holding one cluster's state, each on its own port.</summary>
public class FakeElasticsearchClusterTests
{
    private const string Policy = """{"policy":{"phases":{"delete":{"min_age":"30d","actions":{"delete":{}}}}}}""";

    private FakeElasticsearchCluster _cluster = null!;
    private ServerCalls[] _calls = null!;

    [SetUp]
    public async Task StartCluster()
    {
        _cluster = await FakeElasticsearchCluster.StartAsync(3);
        _calls = _cluster.Nodes.Select(n => new ServerCalls(n)).ToArray();
    }

    [TearDown]
    public async Task StopCluster()
    {
        foreach (var calls in _calls)
        {
            calls.Dispose();
        }

        await _cluster.DisposeAsync();
    }

    [Test]
    public void EveryNodeListensOnItsOwnLoopbackPort()
    {
        Assert.That(_cluster.Nodes, Has.Count.EqualTo(3));
        Assert.That(_cluster.Urls, Is.EqualTo(_cluster.Nodes.Select(n => n.Url)));
        Assert.That(_cluster.Urls.Select(u => u.ToString()), Has.All.Match(@"^http://127\.0\.0\.1:\d+/$"));
        Assert.That(_cluster.Urls.Select(u => u.Port).Distinct().Count(), Is.EqualTo(3));
        Assert.That(_cluster.Nodes.Select(n => n.IsRunning), Has.All.True);
    }

    [Test]
    public async Task ADocumentCreatedThroughOneNodeConflictsWhenCreatedAgainThroughAnother()
    {
        var bulk = """{"create":{"_index":"logs","_id":"run-1"}}""" + "\n" + """{"a":1}""" + "\n";

        var first = await _calls[0].SendAsync("POST", "/_bulk", bulk);
        var again = await _calls[1].SendAsync("POST", "/_bulk", bulk);
        var read = await _calls[2].GetAsync("/logs/_doc/run-1");

        Assert.That(first.Json!["items"]![0]!["create"]!["status"]!.GetValue<int>(), Is.EqualTo(201), first.Text);
        var conflict = again.Json!["items"]![0]!["create"]!;
        Assert.That(conflict["status"]!.GetValue<int>(), Is.EqualTo(409), again.Text);
        Assert.That(conflict["error"]!["type"]!.GetValue<string>(), Is.EqualTo("version_conflict_engine_exception"));
        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK), read.Text);
        Assert.That(read.Json!["_source"]!["a"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(_cluster.Documents.Select(d => (d.Index, d.Id)), Is.EqualTo(new[] { ("logs", "run-1") }));
        Assert.That(_cluster.Nodes.Select(n => n.DocumentCount), Has.All.EqualTo(1), "every node sees the cluster's documents");
    }

    [Test]
    public async Task TemplatesAndPoliciesPutThroughOneNodeAreThereOnTheOthers()
    {
        var template = await _calls[0].PutAsync("/_index_template/traces", """{"index_patterns":["traces-*"],"priority":200}""");
        var policy = await _calls[1].PutAsync("/_ilm/policy/traces", Policy);

        var templateSeen = await _calls[2].HeadAsync("/_index_template/traces");
        var policySeen = await _calls[0].GetAsync("/_ilm/policy/traces");
        var overlapping = await _calls[1].PutAsync("/_index_template/other", """{"index_patterns":["traces-*"],"priority":200}""");

        Assert.That(template.Status, Is.EqualTo(HttpStatusCode.OK), template.Text);
        Assert.That(policy.Status, Is.EqualTo(HttpStatusCode.OK), policy.Text);
        Assert.That(templateSeen.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(policySeen.Json!["traces"]!["version"]!.GetValue<int>(), Is.EqualTo(1), policySeen.Text);
        Assert.That(overlapping.Status, Is.EqualTo(HttpStatusCode.BadRequest), "the template from another node is in the way");
        Assert.That(overlapping.ErrorType, Is.EqualTo("illegal_argument_exception"));
    }

    [Test]
    public async Task TheClusterRecordsEveryNodesRequestsInArrivalOrder()
    {
        await _calls[1].GetAsync("/");
        await _calls[0].GetAsync("/_mapping");
        await _calls[2].GetAsync("/_settings");
        await _calls[0].GetAsync("/_count");

        var urls = _cluster.Urls;
        Assert.That(_cluster.Requests.Select(r => (r.Node, r.Path)), Is.EqualTo(new[]
        {
            (urls[1], "/"), (urls[0], "/_mapping"), (urls[2], "/_settings"), (urls[0], "/_count"),
        }));
        Assert.That(_cluster.Nodes[0].Requests.Select(r => r.Path), Is.EqualTo(new[] { "/_mapping", "/_count" }));
        Assert.That(_cluster.Nodes[1].Requests.Select(r => r.Path), Is.EqualTo(new[] { "/" }));
    }

    [Test]
    public async Task TheClustersItemRuleAppliesOnEveryNodeAfterANodesOwnRule()
    {
        _cluster.ItemRule = context => context.Index == "refused" ? ItemError.TooManyRequests() : null;
        _cluster.Nodes[2].ItemRule = context => context.Index == "refused" ? ItemError.ShardUnavailable() : null;

        var statuses = new List<int>();
        foreach (var calls in _calls)
        {
            var items = await calls.CreateAsync("refused", """{"a":1}""");
            statuses.Add(items.Single()["status"]!.GetValue<int>());
        }

        _cluster.ItemRule = null;
        var afterwards = await _calls[0].CreateAsync("refused", """{"a":1}""");

        Assert.That(statuses, Is.EqualTo(new[] { 429, 429, 503 }));
        Assert.That(afterwards.Single()["status"]!.GetValue<int>(), Is.EqualTo(201));
        Assert.That(_cluster.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task FaultsArePerNode()
    {
        _cluster.Nodes[0].Faults.FailWithStatus(503);

        var healthy = await _calls[1].SendAsync("POST", "/_bulk", """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n");
        var faulted = await _calls[0].SendAsync("POST", "/_bulk", """{"create":{"_index":"logs"}}""" + "\n" + """{"a":2}""" + "\n");

        Assert.That(healthy.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(faulted.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_cluster.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task WaitingForDocumentsCountsThoseOfEveryNode()
    {
        var waiting = _cluster.WaitForDocumentsAsync(3, TimeSpan.FromSeconds(20));
        for (var i = 0; i < 3; i++)
        {
            await _calls[i].CreateAsync("logs", $$"""{"node":{{i}}}""");
        }

        await waiting;
        var timeout = Assert.ThrowsAsync<TimeoutException>(() => _cluster.WaitForDocumentsAsync(5, TimeSpan.FromMilliseconds(100)));

        Assert.That(timeout!.Message, Does.Contain("but 3 arrived (3 requests received)"));
    }

    [Test]
    public async Task ResetForgetsEveryNodesRequestsFaultsAndTheClustersDocuments()
    {
        await _calls[0].CreateAsync("logs", """{"a":1}""");
        await _calls[1].PutAsync("/_index_template/traces", """{"index_patterns":["traces-*"],"priority":200}""");
        _cluster.Nodes[2].Faults.FailWithStatus(503);

        _cluster.Reset();
        var template = await _calls[0].HeadAsync("/_index_template/traces");
        await _calls[2].CreateAsync("logs", """{"a":2}""");

        Assert.That(template.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(_cluster.Nodes[2].Faults.Count, Is.Zero);
        Assert.That(_cluster.Documents.Single().Source.GetProperty("a").GetInt32(), Is.EqualTo(2));
        Assert.That(_cluster.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/_index_template/traces", "/_bulk" }));
    }

    [Test]
    public async Task AStoppedNodeLosesNothingAndComesBackWithTheClustersState()
    {
        await _calls[0].CreateAsync("logs", """{"a":1}""");
        var stopped = _cluster.Nodes[0];

        await stopped.StopAsync();
        await _calls[1].CreateAsync("logs", """{"a":2}""");
        Assert.That(async () => await _calls[0].GetAsync("/"), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_cluster.DocumentCount, Is.EqualTo(2), "the stopped node's document is still held");

        await stopped.RestartAsync();
        var count = await _calls[0].GetAsync("/logs/_count");

        Assert.That(stopped.Url, Is.EqualTo(_cluster.Urls[0]));
        Assert.That(count.Json!["count"]!.GetValue<int>(), Is.EqualTo(2), count.Text);
    }

    [Test]
    public void ANodeCountBelowOneIsRefused()
    {
        Assert.That(async () => await FakeElasticsearchCluster.StartAsync(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
