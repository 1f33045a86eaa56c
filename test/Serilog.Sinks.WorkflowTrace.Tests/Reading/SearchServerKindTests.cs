using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.SearchSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Run listing, aggregations and counts on each kind of server the sink supports: Elasticsearch 7.7 (no point in
/// time: read live), 7.17, 8, 9, serverless and OpenSearch 2 and 3 (each with its own point-in-time API).
/// </summary>
public class SearchServerKindTests
{
    static IEnumerable<TestCaseData> Servers()
    {
        yield return new TestCaseData(RootResponses.Elasticsearch771, false).SetName("Elasticsearch771WithoutPointInTime");
        yield return new TestCaseData(RootResponses.Elasticsearch71722, true).SetName("Elasticsearch71722");
        yield return new TestCaseData(RootResponses.Elasticsearch8153, true).SetName("Elasticsearch8153");
        yield return new TestCaseData(RootResponses.ElasticsearchServerless940, true).SetName("ElasticsearchServerless940");
        yield return new TestCaseData(RootResponses.OpenSearch2171, true).SetName("OpenSearch2171");
        yield return new TestCaseData(RootResponses.OpenSearch300, true).SetName("OpenSearch300");
    }

    [TestCaseSource(nameof(Servers))]
    public async Task RunsAggregationsAndCountsAreReadOnEveryServerKind(string root, bool pointInTime)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root });
        await InstallTemplateAsync(server);
        await BulkAsync(server,
        [
            Entry("a", Day), Entry("a", Day.AddMinutes(1), "error"), Entry("b", Day.AddMinutes(2), workflow: "billing"),
            Entry("b", Day.AddMinutes(3), workflow: "billing", extra: new JsonObject { ["duration_ms"] = 5.0 }), Entry("c", Day.AddMinutes(4)),
        ]);
        using var reader = Reader(server, pageSize: 2);

        var runs = await reader.ListRunsAsync().ToListAsync();
        var statistics = await reader.GetWorkflowStatisticsAsync();
        var histogram = await reader.GetHistogramAsync(TimeSpan.FromMinutes(2));
        var errors = await reader.CountAsync(TraceQuery.All.Errors());

        Assert.That(runs.Select(r => (r.RunId, r.Status)), Is.EqualTo(new[] { ("c", RunStatus.Unknown), ("b", RunStatus.Succeeded), ("a", RunStatus.Failed) }));
        Assert.That(statistics, Is.EqualTo(new[] { new WorkflowStatistics("etl", 3, 1, 2), new WorkflowStatistics("billing", 2, 0, 1) }));
        Assert.That(histogram.Select(b => b.Entries), Is.EqualTo(new long[] { 2, 2, 1 }));
        Assert.That(errors, Is.EqualTo(1));
        Assert.That(server.SearchContexts.PointsInTimeOpened, Is.EqualTo(pointInTime ? 1 : 0));
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero);
    }
}
