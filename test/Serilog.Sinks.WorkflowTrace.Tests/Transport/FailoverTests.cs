using System.Text;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// The node pool against real sockets: a node that gives no usable answer loses the request to the next node at
/// once, stays out of rotation for its dead time-out and is pinged before it takes traffic again; with every node
/// gone requests are still tried; an answer that another node would give too (401, 403) is not failed over.
/// </summary>
public class FailoverTests : LoopbackClusterTest
{
    static Logger CreateLogger(FakeElasticsearchCluster cluster, ListSink fallback, TimeSpan? deadTimeout = null, string? username = null, string? password = null) =>
        new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(
                    hosts: string.Join(",", cluster.Urls),
                    username: username,
                    password: password,
                    bufferSize: 10,
                    flushInterval: TimeSpan.FromMilliseconds(50),
                    timeout: TimeSpan.FromSeconds(5),
                    deadTimeout: deadTimeout,
                    bootstrapMode: WorkflowTraceBootstrapMode.None),
                wt => wt.Sink(fallback))
            .CreateLogger();

    static List<RecordedRequest> Bulk(IEnumerable<RecordedRequest> requests) =>
        requests.Where(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal)).ToList();

    static bool IsBulk(RecordedRequest request) => request.Path.EndsWith("_bulk", StringComparison.Ordinal);

    static void AssertStoredExactlyOnce(FakeElasticsearchCluster cluster, int sent)
    {
        var numbers = NumberedEvents.Stored(cluster.Documents);
        Assert.That(numbers, Is.Unique, "no event stored twice");
        Assert.That(numbers, Is.EquivalentTo(Enumerable.Range(0, sent)), "every event stored");
    }

    public enum NodeFault
    {
        BadGateway,
        ServiceUnavailable,
        HtmlPage,
        HtmlNotFound,
        DroppedConnection,
    }

    static void Inject(FakeElasticsearch node, NodeFault fault)
    {
        switch (fault)
        {
            case NodeFault.BadGateway:
                node.Faults.FailWithStatus(502);
                break;
            case NodeFault.ServiceUnavailable:
                node.Faults.FailWithStatus(503);
                break;
            case NodeFault.HtmlPage:
                node.Faults.FailWithStatus(200, "<html><head><title>Sign in</title></head><body>Corporate proxy</body></html>", "text/html");
                break;
            case NodeFault.HtmlNotFound:
                node.Faults.FailWithStatus(404, "<html><body><h1>404 Not Found</h1><hr>nginx</body></html>", "text/html");
                break;
            case NodeFault.DroppedConnection:
                node.Faults.DropConnection();
                break;
        }
    }

    [TestCase(NodeFault.BadGateway)]
    [TestCase(NodeFault.ServiceUnavailable)]
    [TestCase(NodeFault.HtmlPage)]
    [TestCase(NodeFault.HtmlNotFound)]
    [TestCase(NodeFault.DroppedConnection)]
    public async Task ANodeThatGivesNoUsableAnswerLosesTheRequestToTheNextNodeAtOnce(NodeFault fault)
    {
        var cluster = await Start(2);
        var (bad, good) = (cluster.Nodes[0], cluster.Nodes[1]);
        Inject(bad, fault);
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var sent = 0;
        await using (var logger = CreateLogger(cluster, fallback))
        {
            // One event at a time, each delivered before the next, until the bad node has had its turn (round robin
            // from a random start: within two requests).
            while (bad.Faults.Count > 0 && sent < 10)
            {
                NumberedEvents.Log(logger, sent++);
                await cluster.WaitForDocumentsAsync(sent, Patience);
            }
            Assert.That(bad.Faults.Count, Is.Zero, "the bad node was given a request");

            for (var i = 0; i < 5; i++)
            {
                NumberedEvents.Log(logger, sent++);
                await cluster.WaitForDocumentsAsync(sent, Patience);
            }
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty);

        var all = Bulk(cluster.Requests);
        var failed = all.Single(r => r.Node == bad.Url);
        var next = all[all.IndexOf(failed) + 1];
        Assert.That(next.Node, Is.EqualTo(good.Url), "the very next request went to the other node");
        Assert.That(BulkRequests.Ids(next), Is.EqualTo(BulkRequests.Ids(failed)), "with the same documents");
        var onBad = bad.Requests.ToList();
        Assert.That(onBad.Skip(onBad.IndexOf(failed) + 1), Is.Empty, "the failed node is out of rotation (60 s by default): it got nothing more");
        Assert.That(selfLog.Text, Does.Contain($"Elasticsearch node {bad.Url} failed (").And.Contain("trying the next node"));
        Assert.That(selfLog.Text, Does.Not.Contain("request failed ("), "failed over within the attempt, not retried after a back-off");
    }

    [Test]
    public async Task ADeadNodeGetsNoTrafficUntilItsTimeIsUpAndIsPingedBeforeItsNextBulkRequest()
    {
        var deadTimeout = TimeSpan.FromMilliseconds(300);
        var cluster = await Start(2);
        var (flaky, steady) = (cluster.Nodes[0], cluster.Nodes[1]);
        flaky.Faults.DropConnection();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var sent = 0;
        await using (var logger = CreateLogger(cluster, fallback, deadTimeout))
        {
            // An event every 20 ms, each batch sent after at most 50 ms, until the node came back and took a bulk request.
            var deadline = DateTime.UtcNow + Patience;
            while (Bulk(flaky.Requests).Count < 2 && DateTime.UtcNow < deadline)
            {
                NumberedEvents.Log(logger, sent++);
                await Task.Delay(20);
            }
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty);

        var onFlaky = flaky.Requests;
        Assert.That(onFlaky, Has.Count.GreaterThanOrEqualTo(3), "dropped bulk, ping, bulk");
        var failedAt = onFlaky.ToList().FindIndex(IsBulk);
        var dropped = onFlaky[failedAt];
        var ping = onFlaky[failedAt + 1];
        Assert.Multiple(() =>
        {
            Assert.That(onFlaky.Take(failedAt).All(r => r.Method == "GET" && r.Path == "/"), Is.True, "before it, at most the sink's first look at the server");
            Assert.That((ping.Method, ping.Path), Is.EqualTo(("HEAD", "/")), "the first request after the failure is a ping");
            Assert.That(IsBulk(onFlaky[failedAt + 2]), Is.True, "and then it takes bulk requests again");

            // While it was out, round robin would have given it every other request: they all went to the other node.
            var meanwhile = Bulk(steady.Requests).Count(r => r.ReceivedAt > dropped.ReceivedAt && r.ReceivedAt < ping.ReceivedAt);
            Assert.That(meanwhile, Is.GreaterThanOrEqualTo(2), "the other node took the requests in between");
        });
        Assert.That(selfLog.Text, Does.Contain($"Elasticsearch node {flaky.Url} answered its ping and takes traffic again"));
    }

    [Test]
    public async Task WithEveryNodeStoppedRequestsAreStillTriedAndNothingIsLostOnceOneIsBack()
    {
        var cluster = await Start(2);
        foreach (var node in cluster.Nodes)
            await node.StopAsync();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var sent = 0;
        await using (var logger = CreateLogger(cluster, fallback, deadTimeout: TimeSpan.FromSeconds(30)))
        {
            for (; sent < 20; sent++)
                NumberedEvents.Log(logger, sent);

            // Both nodes fail, then (all dead for 30 s) one of them is tried all the same.
            await Eventually.WaitFor(() => selfLog.Lines.Count(l => l.Contains("Elasticsearch node ") && l.Contains(" failed (")) >= 3,
                "a request was tried with every node dead");
            Assert.That(cluster.Nodes.All(n => selfLog.Text.Contains($"Elasticsearch node {n.Url} failed (")), Is.True, "both nodes were tried");
            Assert.That(selfLog.Text, Does.Contain("request failed (").And.Contain("; retry 1 of 3"), "the request was retried");

            await cluster.Nodes[1].RestartAsync();
            for (; sent < 40; sent++)
                NumberedEvents.Log(logger, sent);
            await cluster.WaitForDocumentsAsync(sent, Patience);
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");
        Assert.That(cluster.Nodes[0].Requests, Is.Empty, "the node still down received nothing");
    }

    [TestCase(401, "security_exception", "unable to authenticate user [trace-writer] for REST request [/_bulk]")]
    [TestCase(403, "security_exception", "action [indices:data/write/bulk] is unauthorized for user [trace-writer] with effective roles [viewer] on indices [workflow-traces]")]
    public async Task ASecurityRefusalIsNotFailedOverAndIsReportedOncePerOccurrenceWithoutCredentials(int status, string type, string reason)
    {
        const string user = "trace-writer";
        const string password = "s3cr3t-Passw0rd!";
        var cluster = await Start(2, new FakeElasticsearchOptions { Username = user, Password = password });
        var body = $$"""{"error":{"root_cause":[{"type":"{{type}}","reason":"{{reason}}"}],"type":"{{type}}","reason":"{{reason}}"},"status":{{status}}}""";
        foreach (var node in cluster.Nodes)
            node.Faults.FailWithStatus(status, body);

        var fallback = new ListSink();
        // Each SelfLog line with the number of bulk requests the cluster had received when it was written.
        using var selfLog = new SelfLogWithState<int>(() => Bulk(cluster.Requests).Count);
        await using (var logger = CreateLogger(cluster, fallback, username: user, password: password))
        {
            NumberedEvents.Log(logger, 0);
            // The batch is refused by whichever node it reaches, then (Serilog's batching retries it) by the other.
            await Eventually.WaitFor(() => cluster.Nodes.All(n => n.Faults.Count == 0), "both nodes answered " + status);
            await Eventually.WaitFor(() => selfLog.Lines.Count(l => l.Line.Contains(reason)) >= 2, "the second refusal was reported");
        }

        // Closing the logger gave the batch its last attempt, which the credentials (right all along) passed.
        AssertStoredExactlyOnce(cluster, 1);
        Assert.That(fallback.Events, Is.Empty);

        var bulk = Bulk(cluster.Requests);
        Assert.That(bulk, Has.Count.EqualTo(3), "refused, refused again on the next attempt, delivered");
        Assert.That(bulk[1].Node, Is.Not.EqualTo(bulk[0].Node), "the next attempt went to the next node in turn");

        var reports = selfLog.Lines.Where(l => l.Line.Contains(reason)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reports, Has.Count.EqualTo(2), "one report per refusal");
            Assert.That(reports[0].State, Is.EqualTo(1), "when the first refusal was reported, no other node had been asked: no failover, no retry");
            Assert.That(reports[1].State, Is.EqualTo(2), "likewise for the second");
            Assert.That(reports.All(r => r.Line.Contains($"status {status}")), Is.True);
            Assert.That(selfLog.Text, Does.Not.Match(@"Elasticsearch node \S+ failed \("), "the node is not marked dead for it");
            Assert.That(selfLog.Text, Does.Not.Contain("request failed ("), "and the request is not retried at once");
            Assert.That(selfLog.Text, Does.Not.Contain(password));
            Assert.That(selfLog.Text, Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
        });
    }
}
