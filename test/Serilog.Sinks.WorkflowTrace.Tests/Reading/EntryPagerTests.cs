using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.RunSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// The paging every read uses: a point in time per server (or a scroll where there is none), pages of PageSize with
/// search_after and never from, and the point in time closed however the read ends.
/// </summary>
public class EntryPagerTests
{
    static IEnumerable<(string Id, string Source)> Run(string runId, int count, long firstSequence = 0) =>
        Enumerable.Range(0, count).Select(i => SinkDocument(runId, firstSequence + i, Start.AddSeconds(i), thread: 1, message: $"event {i}"));

    static List<string> Messages(IEnumerable<TraceEntry> entries) => entries.Select(e => e.Message!).ToList();

    static List<string> Expected(int count) => Enumerable.Range(0, count).Select(i => $"event {i}").ToList();

    [TestCase("es-9.1", "/workflow-traces/_pit", "_shard_doc")]
    [TestCase("es-8.15", "/workflow-traces/_pit", "_shard_doc")]
    [TestCase("serverless", "/workflow-traces/_pit", "_shard_doc")]
    [TestCase("es-7.12", "/workflow-traces/_pit", "_shard_doc")]
    [TestCase("es-7.11", "/workflow-traces/_pit", "_id")]
    [TestCase("es-7.10", "/workflow-traces/_pit", "_id")]
    [TestCase("opensearch-2", "/workflow-traces/_search/point_in_time", "_id")]
    [TestCase("opensearch-3", "/workflow-traces/_search/point_in_time", "_id")]
    [TestCase("opensearch-3.3", "/workflow-traces/_search/point_in_time", "_shard_doc")]
    public async Task ARunIsReadWholeInOrderThroughThePointInTimeOfEachServerWithItsTiebreakerAndItIsClosed(string name, string openPath, string tiebreaker)
    {
        await using var server = await StartAsync(name);
        await BulkAsync(server, Run("run-1", 50).Reverse().Concat(Run("other", 5, firstSequence: 1000)));
        using var reader = Reader(server, pageSize: 7);

        var entries = await ToListAsync(reader.ReadRunAsync("run-1"));

        Assert.That(Messages(entries), Is.EqualTo(Expected(50)));
        Assert.That(server.Requests.Count(r => r.Path == openPath && r.Method == "POST"), Is.EqualTo(1), "one point in time per read");
        var searches = SearchBodies(server).Where(b => b.Contains("\"pit\"", StringComparison.Ordinal)).Select(b => JsonNode.Parse(b)!).ToList();
        Assert.That(searches, Has.Count.EqualTo(8), "50 entries in pages of 7: 8 pages, the last one short");
        Assert.That(searches.All(b => b["from"] is null && b["size"]!.GetValue<int>() == 7), "pages are asked by size and search_after, never from");
        Assert.That(searches.Skip(1).All(b => b["search_after"] is JsonArray), "every page after the first continues after the last hit");
        Assert.That(searches[0]["sort"]!.ToJsonString(), Is.EqualTo($$$"""[{"datetime":{"order":"asc","unmapped_type":"date"}},{"{{{tiebreaker}}}":"asc"}]"""));
        Assert.That(server.SearchContexts, Is.EqualTo(new SearchContextCounts(0, 0, 1, 0)), "the point in time is closed at the end");
    }

    [TestCase("es-7.9")]
    [TestCase("opensearch-2.3")]
    public async Task WithoutAPointInTimeARunIsReadWholeInOrderWithASortedScrollThatIsClearedAtTheEnd(string name)
    {
        await using var server = await StartAsync(name);
        await BulkAsync(server, Run("run-1", 50).Reverse());
        using var reader = Reader(server, pageSize: 7);

        var entries = await ToListAsync(reader.ReadRunAsync("run-1"));

        Assert.That(Messages(entries), Is.EqualTo(Expected(50)));
        Assert.That(server.Requests.Any(r => r.Path.Contains("_pit", StringComparison.Ordinal) || r.Path.Contains("point_in_time", StringComparison.Ordinal)), Is.False);
        Assert.That(server.Requests.Count(r => r.Path == "/workflow-traces/_search" && r.QueryString.Contains("scroll=60s", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(server.Requests.Count(r => r.Path == "/_search/scroll" && r.Method == "POST"), Is.EqualTo(7));
        Assert.That(server.SearchContexts, Is.EqualTo(new SearchContextCounts(0, 0, 0, 1)), "the scroll is cleared at the end");
    }

    [TestCase("es-9.1")]
    [TestCase("opensearch-2")]
    [TestCase("es-7.9")]
    public async Task StoppingEarlyClosesThePointInTimeOrScroll(string name)
    {
        await using var server = await StartAsync(name);
        await BulkAsync(server, Run("run-1", 30));
        using var reader = Reader(server, pageSize: 7);

        var read = 0;
        await foreach (var _ in reader.ReadRunAsync("run-1"))
        {
            if (++read == 10)
                break;
        }

        var contexts = server.SearchContexts;
        Assert.That(contexts.PointsInTimeOpened + contexts.ScrollsOpened, Is.EqualTo(1));
        Assert.That(contexts.OpenPointsInTime + contexts.OpenScrolls, Is.Zero, "closed when the caller stopped enumerating");
    }

    [TestCase("es-9.1")]
    [TestCase("opensearch-2")]
    [TestCase("es-7.9")]
    public async Task CancellingClosesThePointInTimeOrScroll(string name)
    {
        await using var server = await StartAsync(name);
        await BulkAsync(server, Run("run-1", 30));
        using var reader = Reader(server, pageSize: 7);
        using var cancellation = new CancellationTokenSource();

        var read = 0;
        Assert.That(async () =>
        {
            await foreach (var _ in reader.ReadRunAsync("run-1", cancellation.Token))
            {
                if (++read == 8)
                    await cancellation.CancelAsync();
            }
        }, Throws.InstanceOf<OperationCanceledException>());

        Assert.That(read, Is.LessThan(30));
        var contexts = server.SearchContexts;
        Assert.That(contexts.OpenPointsInTime + contexts.OpenScrolls, Is.Zero, "closed although the caller's token is cancelled");
    }

    [TestCase("es-9.1")]
    [TestCase("opensearch-2")]
    [TestCase("es-7.9")]
    public async Task APageThatFailsClosesThePointInTimeOrScrollAndTheErrorReachesTheCaller(string name)
    {
        await using var server = await StartAsync(name);
        await BulkAsync(server, Run("run-1", 30));
        using var reader = Reader(server, pageSize: 7);

        var read = 0;
        var failure = Assert.ThrowsAsync<TraceReadException>(async () =>
        {
            await foreach (var _ in reader.ReadRunAsync("run-1"))
            {
                if (++read == 1)
                    server.Faults.FailWithStatus(500, pathContains: "_search");
            }
        });

        Assert.That(failure!.StatusCode, Is.EqualTo(500));
        Assert.That(failure.Message, Does.Contain("reading run 'run-1'"));
        var contexts = server.SearchContexts;
        Assert.That(contexts.OpenPointsInTime + contexts.OpenScrolls, Is.Zero, "closed after the failed page");
    }

    [Test]
    public async Task APageTheClusterCutShortIsRefusedAsATimeoutNotReturnedAsIfWhole()
    {
        await using var server = await StartAsync("es-9.1");
        await BulkAsync(server, Run("run-1", 30));
        using var reader = Reader(server, pageSize: 7);
        var partial = """{"took":30001,"timed_out":true,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"max_score":null,"hits":[]}}""";

        var read = 0;
        var failure = Assert.ThrowsAsync<TraceSearchTimeoutException>(async () =>
        {
            await foreach (var _ in reader.ReadRunAsync("run-1"))
            {
                if (++read == 1)
                    server.Faults.FailWithStatus(200, partial, pathContains: "_search");
            }
        });

        Assert.That(failure!.Message, Does.Contain("timed_out"));
        Assert.That(read, Is.EqualTo(6), "the first page only, but its last entry, held back in case its millisecond goes on in the next page");
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task APointInTimeThatExpiredBetweenPagesIsReportedNamingTheKeepAlive()
    {
        await using var server = await StartAsync("es-9.1");
        await BulkAsync(server, Run("run-1", 30));
        using var reader = Reader(server, pageSize: 7);

        var failure = Assert.ThrowsAsync<TraceReadException>(async () =>
        {
            await foreach (var _ in reader.ReadRunAsync("run-1"))
                server.ExpireSearchContexts();
        });

        Assert.That(failure!.StatusCode, Is.EqualTo(404));
        Assert.That(failure.Message, Does.Contain("expired").And.Contain("KeepAlive"));
    }

    [Test]
    public async Task EntriesWrittenWhileARunIsReadAreNotMixedIntoTheRead()
    {
        await using var server = await StartAsync("es-8.15");
        await BulkAsync(server, Run("run-1", 20));
        using var reader = Reader(server, pageSize: 7);

        var entries = new List<TraceEntry>();
        await foreach (var entry in reader.ReadRunAsync("run-1"))
        {
            if (entries.Count == 0)
                await BulkAsync(server, [SinkDocument("run-1", 1000, Start.AddSeconds(-1), 1, "late but earlier"), SinkDocument("run-1", 1001, Start.AddHours(1), 1, "late")]);
            entries.Add(entry);
        }

        Assert.That(Messages(entries), Is.EqualTo(Expected(20)), "the point in time is a view of when the read started");
    }

    [Test]
    public async Task AMalformedDocumentIsReportedWithItsIdAndTheRestIsRead()
    {
        await using var server = await StartAsync("es-9.1");
        var bad = ("bad-document", """{"run_id":"run-1","datetime":"2026-12-05T08:00:00.5000000Z","error_flag":"yes","message":"bad"}""");
        await BulkAsync(server, new[] { bad }.Concat(Run("run-1", 10)));
        var reported = new List<MalformedTraceDocument>();
        using var reader = Reader(server, pageSize: 4, malformed: reported.Add);
        using var selfLog = new Support.SelfLogCollector();

        var entries = await ToListAsync(reader.ReadRunAsync("run-1"));

        Assert.That(Messages(entries), Is.EqualTo(Expected(10)));
        Assert.That(reported.Select(d => d.Id), Is.EqualTo(new[] { "bad-document" }));
        Assert.That(reported[0].Reason, Does.Contain("error_flag"));
        Assert.That(selfLog.Text, Does.Contain("bad-document"));
    }
}
