using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.SearchSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 point 4, aggregations: per workflow (entries, errors, error rate, runs — every workflow, beyond a page
/// and beyond terms' default ten), per level, and over time (empty intervals included), typed.
/// </summary>
public class TraceAggregationTests : LoopbackServerTest
{
    [SetUp]
    public Task Template() => InstallTemplateAsync(Server);

    [Test]
    public async Task StatisticsListEveryWorkflowBeyondAPageAndBeyondTermsDefaultTen()
    {
        var documents = new List<JsonObject>();
        for (var w = 0; w < 13; w++)
        {
            for (var i = 0; i <= w; i++)
                documents.Add(Entry($"run-{w}-{i % 2}", Day.AddMinutes(i), i == 0 ? "error" : "info", workflow: $"wf-{w:00}"));
        }

        await BulkAsync(Server, documents);
        using var reader = Reader(Server, pageSize: 4);

        var statistics = await reader.GetWorkflowStatisticsAsync();

        Assert.That(statistics, Has.Count.EqualTo(13));
        Assert.That(statistics.Select(s => s.WorkflowName), Is.EqualTo(Enumerable.Range(0, 13).Reverse().Select(w => $"wf-{w:00}")), "most entries first");
        Assert.That(statistics[0], Is.EqualTo(new WorkflowStatistics("wf-12", 13, 1, 2)));
        Assert.That(statistics[^1], Is.EqualTo(new WorkflowStatistics("wf-00", 1, 1, 1)));
        Assert.That(statistics[^1].ErrorRate, Is.EqualTo(1.0));
        Assert.That(statistics[0].ErrorRate, Is.EqualTo(1.0 / 13));
    }

    [Test]
    public async Task StatisticsCountErrorsByLevelAndOverTheQuerysEntriesOnly()
    {
        await BulkAsync(Server,
        [
            Entry("a", Day, "critical"), Entry("a", Day.AddHours(1), "exception"), Entry("b", Day.AddHours(2)),
            Entry("c", Day.AddHours(3), "error", workflow: "billing"), Entry("d", Day.AddHours(4), workflow: null),
        ]);
        using var reader = Reader(Server);

        var all = await reader.GetWorkflowStatisticsAsync();
        var early = await reader.GetWorkflowStatisticsAsync(TraceQuery.All.Between(Day, Day.AddHours(1)));

        Assert.That(all, Is.EqualTo(new[] { new WorkflowStatistics("etl", 3, 2, 2), new WorkflowStatistics("billing", 1, 1, 1) }));
        Assert.That(early, Is.EqualTo(new[] { new WorkflowStatistics("etl", 1, 1, 1) }));
    }

    [Test]
    public async Task AnErrorFlagCountsAsAnErrorWhereTheIndexMapsIt()
    {
        // The newer Python producer's own index maps error_flag; the sink's template leaves it unindexed.
        await CreateIndexAsync(Server, "python-traces", """
            {"mappings":{"properties":{"run_id":{"type":"keyword"},"workflow_name":{"type":"keyword"},"level":{"type":"keyword"},
             "datetime":{"type":"date"},"message":{"type":"text"},"error_flag":{"type":"boolean"}}}}
            """);
        await BulkAsync(Server,
        [
            Entry("p1", Day, extra: new JsonObject { ["error_flag"] = true }), Entry("p1", Day.AddSeconds(1), extra: new JsonObject { ["error_flag"] = false }),
        ], "python-traces");
        using var reader = Reader(Server, index: "python-traces");

        var statistics = await reader.GetWorkflowStatisticsAsync();

        Assert.That(statistics, Is.EqualTo(new[] { new WorkflowStatistics("etl", 2, 1, 1) }));
    }

    [Test]
    public async Task StatisticsGiveWhatTheOriginalsAggregationQueryGives()
    {
        await BulkAsync(Server,
        [
            Entry("a", Day, "error"), Entry("a", Day.AddHours(1)), Entry("b", Day.AddHours(2), "error", workflow: "billing"),
            Entry("c", Day.AddHours(3), workflow: "billing"), Entry("d", Day.AddHours(4), workflow: "billing"),
        ]);
        using var reader = Reader(Server);
        using var http = new HttpClient { BaseAddress = Server.Url };

        // The Python README's "Aggregation queries": terms on workflow_name with a filter sub-aggregation counting errors.
        using var response = await http.PostAsync($"/{SearchSeeding.Index}/_search", JsonContent.Create(JsonNode.Parse("""
            {"size":0,"aggs":{"workflows":{"terms":{"field":"workflow_name"},"aggs":{"error_count":{"filter":{"term":{"level":"error"}}}}}}}
            """)));
        var original = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["aggregations"]!["workflows"]!["buckets"]!.AsArray()
            .Select(b => ((string)b!["key"]!, (long)b["doc_count"]!, (long)b["error_count"]!["doc_count"]!));
        var ours = (await reader.GetWorkflowStatisticsAsync()).Select(s => (s.WorkflowName, s.Entries, s.Errors));

        Assert.That(ours, Is.EqualTo(original));
    }

    [Test]
    public async Task LevelCountsListEveryLevelAsStoredMostFirst()
    {
        await BulkAsync(Server,
        [
            Entry("a", Day), Entry("a", Day.AddSeconds(1)), Entry("a", Day.AddSeconds(2), "warning"), Entry("b", Day, "exception"),
            Entry("b", Day.AddSeconds(1), "warning"), Entry("c", Day, "debug", workflow: "other"),
        ]);
        using var reader = Reader(Server, pageSize: 2);

        var levels = await reader.GetLevelCountsAsync();
        var etl = await reader.GetLevelCountsAsync(TraceQuery.All.ForWorkflow("etl").ForRun("b"));

        Assert.That(levels, Is.EqualTo(new[] { new LevelCount("info", 2), new LevelCount("warning", 2), new LevelCount("debug", 1), new LevelCount("exception", 1) }));
        Assert.That(etl, Is.EqualTo(new[] { new LevelCount("exception", 1), new LevelCount("warning", 1) }));
    }

    [Test]
    public async Task TheHistogramCountsEntriesAndErrorsPerIntervalWithEmptyIntervalsBetween()
    {
        await BulkAsync(Server,
        [
            Entry("a", Day.AddHours(1).AddMinutes(10)), Entry("a", Day.AddHours(1).AddMinutes(50), "error"), Entry("b", Day.AddHours(4).AddMinutes(1), "critical"),
            Entry("c", Day.AddHours(6).AddMinutes(59)), Entry("d", Day.AddHours(9), workflow: "other"),
        ]);
        using var reader = Reader(Server, pageSize: 2);

        var histogram = await reader.GetHistogramAsync(TimeSpan.FromHours(1), TraceQuery.All.ForWorkflow("etl"));

        Assert.That(histogram, Is.EqualTo(new[]
        {
            new TimeBucket(Day.AddHours(1), 2, 1), new TimeBucket(Day.AddHours(2), 0, 0), new TimeBucket(Day.AddHours(3), 0, 0),
            new TimeBucket(Day.AddHours(4), 1, 1), new TimeBucket(Day.AddHours(5), 0, 0), new TimeBucket(Day.AddHours(6), 1, 0),
        }));
    }

    [Test]
    public async Task AHistogramOfMoreIntervalsThanElasticsearchAllowsBucketsIsPagedNotRefused()
    {
        await BulkAsync(Server, [Entry("a", Day), Entry("a", Day.AddDays(50))]);
        using var reader = Reader(Server);

        var histogram = await reader.GetHistogramAsync(TimeSpan.FromMinutes(1));

        Assert.That(histogram, Has.Count.EqualTo(50 * 24 * 60 + 1), "72,001 one-minute intervals, beyond search.max_buckets (65,536)");
        Assert.That(histogram.Sum(b => b.Entries), Is.EqualTo(2));
        Assert.That(histogram[^1].Start, Is.EqualTo(Day.AddDays(50)));
    }

    [Test]
    public async Task AnEmptySelectionGivesEmptyResults()
    {
        await BulkAsync(Server, [Entry("a", Day)]);
        using var reader = Reader(Server);
        var nothing = TraceQuery.All.ForWorkflow("none");

        Assert.That(await reader.GetWorkflowStatisticsAsync(nothing), Is.Empty);
        Assert.That(await reader.GetLevelCountsAsync(nothing), Is.Empty);
        Assert.That(await reader.GetHistogramAsync(TimeSpan.FromHours(1), nothing), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void AHistogramIntervalUnderAMillisecondIsRefused(int ticks)
    {
        using var reader = Reader(Server);

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetHistogramAsync(TimeSpan.FromTicks(ticks)));
    }

    [Test]
    public void AHistogramIntervalOfAFractionOfAMillisecondIsRefused()
    {
        using var reader = Reader(Server);

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetHistogramAsync(TimeSpan.FromMicroseconds(1500)));
    }
}
