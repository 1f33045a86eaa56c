using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Issue 15 point 5: cluster health, the trace indices, their mappings against the contract, refresh_interval.</summary>
public class IndexManagementTests : LoopbackServerTest
{
    const string Daily = "traces-{0:yyyy.MM.dd}";

    [Test]
    public async Task ClusterHealthIsYellowOnOneNodeOnceAnIndexHasAReplica()
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "r", "2024-01-01T12:00:00");
        using var reader = IndexSeeding.Reader(Server, Daily);

        var health = await reader.GetClusterHealthAsync();

        Assert.That(health, Is.EqualTo(new ClusterHealth("my_test_cluster", "yellow", 1, 1, 1)));
    }

    [Test]
    public async Task ClusterHealthIsGreenOnTwoNodes()
    {
        await using var cluster = await FakeElasticsearchCluster.StartAsync(2);
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { HostList = cluster.Urls.Select(u => u.ToString()).ToList() });

        var health = await reader.GetClusterHealthAsync();

        Assert.That((health.Status, health.NumberOfNodes, health.UnassignedShards), Is.EqualTo(("green", 2, 0)));
    }

    [Test]
    public async Task EveryIndexOfATimeBasedNameIsListedByNameWithItsCountSizeHealthAndCreationDate()
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.02", "b", "2024-01-02T10:00:00", "2024-01-02T11:00:00");
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "a", "2024-01-01T10:00:00");
        await IndexSeeding.EntriesAsync(Server, "other", "c", "2024-01-01T10:00:00");
        using var reader = IndexSeeding.Reader(Server, Daily);

        var indices = await reader.ListIndicesAsync();

        Assert.That(reader.Index, Is.EqualTo("traces-*"));
        Assert.That(indices.Select(i => (i.Name, i.Documents, i.Health)), Is.EqualTo(new[] { ("traces-2024.01.01", 1L, "yellow"), ("traces-2024.01.02", 2L, "yellow") }));
        Assert.That(indices.Select(i => i.SizeBytes), Has.All.GreaterThan(0));
        Assert.That(indices[1].SizeBytes, Is.GreaterThan(indices[0].SizeBytes), "two entries take more room than one");
        Assert.That(indices.Select(i => i.CreatedAt), Has.All.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
        var asked = Server.Requests.Single(r => r.Path.StartsWith("/_cat/indices", StringComparison.Ordinal));
        Assert.That(asked.QueryString, Does.Contain("format=json").And.Contain("bytes=b"));
    }

    [Test]
    public async Task ATimeBasedNameWithoutIndicesYetListsNone()
    {
        using var reader = IndexSeeding.Reader(Server, Daily);

        Assert.That(await reader.ListIndicesAsync(), Is.Empty);
        Assert.That(await reader.CheckMappingsAsync(), Is.Empty);
    }

    [Test]
    public async Task ADataStreamIsListedAsItsBackingIndices()
    {
        await IndexSeeding.DataStreamAsync(Server, "trace-stream", "2024-01-01T10:00:00", "2024-01-01T11:00:00");
        using var reader = IndexSeeding.Reader(Server, "trace-stream", o => o.DataStream = true);

        var indices = await reader.ListIndicesAsync();

        Assert.That(indices.Select(i => i.Name), Is.EqualTo(new[] { $".ds-trace-stream-{indices[0].CreatedAt:yyyy.MM.dd}-000001" }), "named by its creation day");
        Assert.That(indices[0].Documents, Is.EqualTo(2));
    }

    [Test]
    public async Task AnIndexTheSinkCreatedMatchesTheContract()
    {
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions { Hosts = Server.Url.ToString(), IndexName = "traces" }).CreateLogger())
        {
            logger.Information("one entry");
        }

        using var reader = IndexSeeding.Reader(Server, "traces");
        var reports = await reader.CheckMappingsAsync();

        Assert.That(reports.Select(r => r.Index), Is.EqualTo(new[] { "traces" }));
        Assert.That(reports[0].Differences, Is.Empty, "the template maps every contract field as the contract says");
        Assert.That(reports[0].MatchesContract, Is.True);
    }

    [Test]
    public async Task ADataStreamTheSinkCreatedMatchesTheContract()
    {
        var options = new WorkflowTraceSinkOptions { Hosts = Server.Url.ToString(), IndexName = "trace-stream", DataStream = true };
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(options).CreateLogger())
        {
            logger.Information("one entry");
        }

        using var reader = IndexSeeding.Reader(Server, "trace-stream", o => o.DataStream = true);
        var reports = await reader.CheckMappingsAsync();

        Assert.That(reports.Select(r => r.Index), Has.All.StartWith(".ds-trace-stream-"));
        Assert.That(reports.Single().Differences, Is.Empty);
    }

    [Test]
    public async Task AnIndexAPythonProducerCreatedReportsItsIntegerThreadAndTheFieldsItNeverMapped()
    {
        await IndexSeeding.SendAsync(Server, HttpMethod.Put, "traces-2024.01.01", IndexSeeding.PythonMapping);
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.02", "r", "2024-01-02T10:00:00");
        using var reader = IndexSeeding.Reader(Server, Daily);

        var reports = await reader.CheckMappingsAsync();

        Assert.That(reports.Select(r => r.Index), Is.EqualTo(new[] { "traces-2024.01.01", "traces-2024.01.02" }));
        var python = reports[0];
        Assert.That(python.MatchesContract, Is.False);
        Assert.That(python.Differences, Does.Contain(new MappingDifference("thread", "long", "integer")));
        Assert.That(python.Differences, Does.Contain(new MappingDifference("workflow_name", "keyword", null)), "never mapped");
        Assert.That(python.Differences.Select(d => d.Field), Does.Not.Contain("process").And.Not.Contain("lineno").And.Not.Contain("datetime"),
            "integer is the contract's type for process and lineno");
        Assert.That(reports[1].Differences, Does.Contain(new MappingDifference("run_id", "keyword", "text")),
            "an index mapped by guessing from the first document (no template) drifts too");
    }

    [TestCase(5_000, "5s")]
    [TestCase(60_000, "1m")]
    [TestCase(250, "250ms")]
    [TestCase(-1, "-1")]
    public async Task RefreshIntervalIsSetOnEveryTraceIndexInElasticsearchTimeUnits(int milliseconds, string expected)
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "a", "2024-01-01T10:00:00");
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.02", "b", "2024-01-02T10:00:00");
        await IndexSeeding.EntriesAsync(Server, "other", "c", "2024-01-02T10:00:00");
        using var reader = IndexSeeding.Reader(Server, Daily);

        await reader.SetRefreshIntervalAsync(milliseconds == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds));

        var settings = JsonNode.Parse(await IndexSeeding.SendAsync(Server, HttpMethod.Get, "_settings?flat_settings=true"))!;
        Assert.That(settings["traces-2024.01.01"]!["settings"]!["index.refresh_interval"]!.GetValue<string>(), Is.EqualTo(expected));
        Assert.That(settings["traces-2024.01.02"]!["settings"]!["index.refresh_interval"]!.GetValue<string>(), Is.EqualTo(expected));
        Assert.That(settings["other"]!["settings"]!["index.refresh_interval"], Is.Null, "only the trace indices");
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(0.5)]
    public void ARefreshIntervalThatIsNotPositiveWholeMillisecondsIsRefusedBeforeAnyRequest(double milliseconds)
    {
        using var reader = IndexSeeding.Reader(Server, Daily);

        var refused = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.SetRefreshIntervalAsync(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.That(refused!.ParamName, Is.EqualTo("interval"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task ServerlessRefusingAFastRefreshIsReportedWithItsReason()
    {
        await using var serverless = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.ElasticsearchServerless940 });
        await IndexSeeding.SendAsync(serverless, HttpMethod.Put, "traces", "{}");
        using var reader = IndexSeeding.Reader(serverless, "traces");

        var refused = Assert.ThrowsAsync<TraceReadException>(() => reader.SetRefreshIntervalAsync(TimeSpan.FromSeconds(1)));

        Assert.That(refused!.StatusCode, Is.EqualTo(400));
        Assert.That(refused.Message, Does.Contain("setting refresh_interval 1s on 'traces'").And.Contain("must be >= [5s]"));
    }
}
