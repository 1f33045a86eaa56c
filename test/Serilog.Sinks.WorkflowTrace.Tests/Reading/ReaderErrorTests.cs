using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Issue 15 point 6: each failure is its own exception, says what to do, and carries no credential.</summary>
public class ReaderErrorTests : LoopbackServerTest
{
    [Test]
    public void AMissingFixedIndexIsNamedWithTheSinkSettingsToCheck()
    {
        using var reader = IndexSeeding.Reader(Server, "traces");

        var listing = Assert.ThrowsAsync<TraceIndexMissingException>(() => reader.ListIndicesAsync());
        var mappings = Assert.ThrowsAsync<TraceIndexMissingException>(() => reader.CheckMappingsAsync());

        Assert.That(listing!.Index, Is.EqualTo("traces"));
        Assert.That(listing.StatusCode, Is.EqualTo(404));
        Assert.That(listing.Message, Does.Contain("'traces'").And.Contain("indexName").And.Contain("dataStream"));
        Assert.That(mappings!.Index, Is.EqualTo("traces"));
    }

    [Test]
    public void ChangingSettingsWhereATimeBasedNameHasNoIndexNamesThePattern()
    {
        using var reader = IndexSeeding.Reader(Server, "traces-{0:yyyy.MM.dd}");

        var missing = Assert.ThrowsAsync<TraceIndexMissingException>(() => reader.SetRefreshIntervalAsync(TimeSpan.FromSeconds(5)));

        Assert.That(missing!.Index, Is.EqualTo("traces-*"));
    }

    [Test]
    public void AnUnreachableClusterNamesEveryUrlWithoutItsCredentials()
    {
        var (first, second) = (ClosedPort(), ClosedPort());
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions
        {
            HostList = [$"http://reader:s3cret-pw@127.0.0.1:{first}/", $"http://reader:s3cret-pw@127.0.0.1:{second}/"],
            MaxRetries = 0,
        });

        var unreachable = Assert.ThrowsAsync<TraceClusterUnreachableException>(() => reader.GetClusterHealthAsync());

        Assert.That(unreachable!.Message, Does.Contain($"http://127.0.0.1:{first}/").And.Contain($"http://127.0.0.1:{second}/"));
        Assert.That(unreachable.Nodes.Select(n => n.UserInfo), Has.All.Empty);
        Assert.That(unreachable.ToString(), Does.Not.Contain("s3cret-pw").And.Not.Contain("reader:"), "no credential anywhere in the exception");
    }

    [Test]
    public async Task RefusedCredentialsAre401AndSayToCheckThemWithoutShowingThem()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "reader", Password = "right-pw" });
        using var reader = IndexSeeding.Reader(server, "traces", o => (o.Username, o.Password) = ("reader", "wrong-pw"));

        var refused = Assert.ThrowsAsync<TraceAccessDeniedException>(() => reader.GetClusterHealthAsync());

        Assert.That(refused!.StatusCode, Is.EqualTo(401));
        Assert.That(refused.Message, Does.Contain("refused the credentials (401)").And.Contain("username and password"));
        Assert.That(refused.ToString(), Does.Not.Contain("wrong-pw"));
    }

    [TestCase("_cluster", "the cluster privilege monitor")]
    [TestCase("_cat", "the cluster privilege monitor and the index privilege monitor")]
    [TestCase("traces/_mapping", "view_index_metadata")]
    [TestCase("traces/_settings", "the index privilege manage")]
    public async Task AMissingPrivilegeIs403AndNamesWhatTheOperationNeeds(string forbidden, string needed)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Forbidden = [forbidden] });
        await IndexSeeding.EntriesAsync(server, "traces", "r", "2024-01-01T08:00:00");
        using var reader = IndexSeeding.Reader(server, "traces");

        var refused = Assert.ThrowsAsync<TraceAccessDeniedException>(forbidden switch
        {
            "_cluster" => () => reader.GetClusterHealthAsync(),
            "_cat" => () => reader.ListIndicesAsync(),
            "traces/_mapping" => () => reader.CheckMappingsAsync(),
            _ => () => reader.SetRefreshIntervalAsync(TimeSpan.FromSeconds(5)),
        });

        Assert.That(refused!.StatusCode, Is.EqualTo(403));
        Assert.That(refused.NeededPrivileges, Does.Contain(needed));
        Assert.That(refused.Message, Does.Contain(needed).And.Contain("reading needs read and view_index_metadata"));
        Assert.That(refused.Message, Does.Contain("Elasticsearch said: action ["), "the server's reason names the action");
    }

    [Test]
    public async Task AReadRefusedWhilePruningNamesTheReadPrivilege()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Forbidden = ["traces-2024.01.01/_search"] });
        await IndexSeeding.EntriesAsync(server, "traces-2024.01.01", "r", "2024-01-01T08:00:00");
        using var reader = IndexSeeding.Reader(server, "traces-{0:yyyy.MM.dd}");

        var refused = Assert.ThrowsAsync<TraceAccessDeniedException>(() => reader.PruneAsync(DateTimeOffset.UtcNow));

        Assert.That(refused!.Message, Does.Contain("reading the newest entry of the trace index 'traces-2024.01.01'").And.Contain("index privilege read"));
    }

    [Test]
    public void AClusterThatStallsBeyondTheTimeoutIsASearchTimeout()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var stall = TimeSpan.FromSeconds(30);
        Server.Faults.Delay(stall, times: 10, pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces", o => o.Timeout = timeout);

        var clock = Stopwatch.StartNew();
        var timedOut = Assert.ThrowsAsync<TraceSearchTimeoutException>(() => reader.GetClusterHealthAsync());
        clock.Stop();

        Assert.That(timedOut!.Timeout, Is.EqualTo(timeout));
        Assert.That(timedOut.Message, Does.StartWith("Reading the cluster's health did not finish within the timeout of 1 s"));
        Assert.That(clock.Elapsed, Is.LessThan(stall / 2), "the configured timeout ended the wait, not the stall");
    }

    [TestCase("""{"cluster_name":"c","status":""", "application/json", "it is not JSON")]
    [TestCase("""{"status":"green"}""", "application/json", "it does not have the expected shape")]
    public void AnAnswerThatIsNotAHealthReportIsReportedAsUnreadable(string body, string contentType, string why)
    {
        Server.Faults.FailWithStatus(200, body, contentType, pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var unreadable = Assert.ThrowsAsync<TraceReadException>(() => reader.GetClusterHealthAsync());

        Assert.That(unreadable!.GetType(), Is.EqualTo(typeof(TraceReadException)));
        Assert.That(unreadable.Message, Does.StartWith("Elasticsearch's answer to reading the cluster's health could not be read: " + why));
        Assert.That(unreadable.Message, Does.Contain(contentType).And.Contain(Server.Url.ToString()));
    }

    [Test]
    public void AProxyPageInsteadOfAnAnswerMeansNoElasticsearchNodeAnswered()
    {
        Server.Faults.FailWithStatus(200, "<html><body>Welcome to nginx!</body></html>", "text/html", pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var unreachable = Assert.ThrowsAsync<TraceClusterUnreachableException>(() => reader.GetClusterHealthAsync());

        Assert.That(unreachable!.Message, Does.Contain(Server.Url.ToString()).And.Contain("not JSON (text/html)"),
            "the transport takes a page that is not JSON for a node that failed, as Elastic's clients do");
    }

    [Test]
    public void CancellingTheCallIsACancellationNotATimeout()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(30), times: 10, pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces", o => o.Timeout = TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await reader.GetClusterHealthAsync(cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task AListingThatIsNotATableIsReportedAsUnreadable()
    {
        await IndexSeeding.EntriesAsync(Server, "traces", "r", "2024-01-01T08:00:00");
        Server.Faults.FailWithStatus(200, """{"traces":{"docs":1}}""", pathContains: "_cat/indices");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var unreadable = Assert.ThrowsAsync<TraceReadException>(() => reader.ListIndicesAsync());

        Assert.That(unreadable!.Message, Does.StartWith("Elasticsearch's answer to listing the trace indices 'traces' could not be read"));
    }

    [Test]
    public void AnyOtherRefusalKeepsElasticsearchsStatusTypeAndReason()
    {
        Server.Faults.FailWithStatus(500, """{"error":{"type":"circuit_breaking_exception","reason":"[parent] Data too large"},"status":500}""", pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var failed = Assert.ThrowsAsync<TraceReadException>(() => reader.GetClusterHealthAsync());

        Assert.That(failed!.StatusCode, Is.EqualTo(500));
        Assert.That(failed.Message, Is.EqualTo("Elasticsearch answered 500 to reading the cluster's health: circuit_breaking_exception: [parent] Data too large"));
    }

    [TestCase("""{"error":null,"status":500}""")]
    [TestCase("""{"error":42}""")]
    [TestCase("""{"error":{"type":7,"reason":["a"]}}""")]
    [TestCase("""{"error":{"type":"search_phase_execution_exception","root_cause":["not an object"]}}""")]
    [TestCase("""[{"error":"an array"}]""")]
    public void AnErrorAnswerOfAnUnexpectedShapeIsStillAReadFailureWithItsStatus(string body)
    {
        Server.Faults.FailWithStatus(500, body, pathContains: "_cluster/health");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var failed = Assert.ThrowsAsync<TraceReadException>(() => reader.GetClusterHealthAsync());

        Assert.That(failed!.StatusCode, Is.EqualTo(500));
        Assert.That(failed.Message, Does.StartWith("Elasticsearch answered 500 to reading the cluster's health"));
    }

    [Test]
    public async Task ServerlessHasNoClusterHealthAndSaysSo()
    {
        await using var serverless = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.ElasticsearchServerless940 });
        using var reader = IndexSeeding.Reader(serverless, "traces");

        var refused = Assert.ThrowsAsync<TraceReadException>(() => reader.GetClusterHealthAsync());

        Assert.That(refused!.StatusCode, Is.EqualTo(410));
        Assert.That(refused.Message, Does.Contain("reading the cluster's health").And.Contain("not available when running in serverless mode"));
    }

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
