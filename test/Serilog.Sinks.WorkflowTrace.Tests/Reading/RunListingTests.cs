using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.SearchSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 point 3: every run matching a filter, summarised, most recent first by its first entry, lazily and without
/// a cap, from one point in time (no run missed or repeated while documents arrive), closed however the caller stops.
/// </summary>
public class RunListingTests : LoopbackServerTest
{
    [SetUp]
    public Task Template() => InstallTemplateAsync(Server);

    /// <summary>Run i starts at Day + i minutes; every 7th fails, every 3rd (not failing) closes a stage, the rest are unknown.</summary>
    static IEnumerable<JsonObject> ManyRuns(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Day.AddMinutes(i);
            var run = $"run-{i:0000}";
            yield return Entry(run, start, extra: new JsonObject { ["tenant_id"] = "t" + (i % 2), ["user_id"] = "u" + i });
            yield return Entry(run, start.AddSeconds(30), i % 7 == 0 ? "error" : "info");
            if (i % 3 == 0)
                yield return Entry(run, start.AddSeconds(45), extra: new JsonObject { ["duration_ms"] = 45000.0 });
        }
    }

    static RunStatus ExpectedStatus(int i) => i % 7 == 0 ? RunStatus.Failed : i % 3 == 0 ? RunStatus.Succeeded : RunStatus.Unknown;

    [Test]
    public async Task MoreThanAThousandRunsAreListedCompletelyNewestFirstWithTheirSummaries()
    {
        const int count = 1_234;
        await BulkAsync(Server, ManyRuns(count));
        using var reader = Reader(Server);

        var runs = await reader.ListRunsAsync().ToListAsync();

        Assert.That(runs, Has.Count.EqualTo(count));
        Assert.That(runs.Select(r => r.RunId), Is.EqualTo(Enumerable.Range(0, count).Reverse().Select(i => $"run-{i:0000}")));
        for (var i = 0; i < count; i++)
        {
            var run = runs[count - 1 - i];
            var expected = new RunSummary
            {
                RunId = $"run-{i:0000}", WorkflowName = "etl", TenantId = "t" + (i % 2), UserId = "u" + i,
                FirstTime = Day.AddMinutes(i), LastTime = Day.AddMinutes(i).AddSeconds(i % 3 == 0 ? 45 : 30),
                Entries = i % 3 == 0 ? 3 : 2, Errors = i % 7 == 0 ? 1 : 0, Status = ExpectedStatus(i),
            };
            Assert.That(run, Is.EqualTo(expected), $"run {i}");
        }
    }

    [Test]
    public async Task WindowsThatOverflowAPageAreSplitAndRunsStartingInOneMillisecondComeInRunIdOrder()
    {
        // 9 runs start in the same millisecond, more than a page of 3; others cluster around them.
        var documents = new List<JsonObject>();
        foreach (var id in new[] { "m5", "m1", "m9", "m3", "m7", "m2", "m8", "m4", "m6" })
            documents.Add(Entry(id, Day.AddHours(5)));
        for (var i = 0; i < 10; i++)
            documents.Add(Entry($"before-{i}", Day.AddHours(5).AddMilliseconds(-1 - i)));
        for (var i = 0; i < 10; i++)
            documents.Add(Entry($"after-{i}", Day.AddHours(5).AddMilliseconds(1 + i * 3)));
        documents.Add(Entry("long", Day.AddHours(1)));
        documents.Add(Entry("long", Day.AddHours(6)));
        await BulkAsync(Server, documents);
        using var reader = Reader(Server, pageSize: 3);

        var runs = await reader.ListRunsAsync().ToListAsync();

        Assert.That(runs.Select(r => r.RunId), Is.EqualTo(
            Enumerable.Range(0, 10).Reverse().Select(i => $"after-{i}")
                .Concat(Enumerable.Range(1, 9).Select(i => $"m{i}"))
                .Concat(Enumerable.Range(0, 10).Select(i => $"before-{i}"))
                .Append("long")));
        Assert.That(runs.Select(r => r.FirstTime), Is.Ordered.Descending);
        Assert.That(runs[^1].LastTime, Is.EqualTo(Day.AddHours(6)), "a run is placed by its first entry, whatever its last");
    }

    static async Task SeedFilterRuns(FakeElasticsearch server) => await BulkAsync(server,
    [
        Entry("a", Day.AddHours(1), workflow: "etl", extra: new JsonObject { ["tenant_id"] = "t1", ["environment"] = "prod", ["user_id"] = "ann" }),
        Entry("a", Day.AddHours(2), "error", workflow: "etl", extra: new JsonObject { ["tenant_id"] = "t1", ["environment"] = "prod", ["user_id"] = "ann" }),
        Entry("b", Day.AddHours(3), workflow: "billing", extra: new JsonObject { ["tenant_id"] = "t2", ["environment"] = "dev", ["parent_run_id"] = "a" }),
        Entry("b", Day.AddHours(4), workflow: "billing", extra: new JsonObject { ["tenant_id"] = "t2", ["duration_ms"] = 10.0, ["parent_run_id"] = "a" }),
        Entry("c", Day.AddHours(5), workflow: "etl", extra: new JsonObject { ["tenant_id"] = "t1", ["environment"] = "dev", ["parent_run_id"] = "a" }),
        Entry("c", Day.AddHours(9), workflow: "etl", extra: new JsonObject { ["tenant_id"] = "t1", ["user_id"] = "bob" }),
    ]);

    static IEnumerable<TestCaseData> Filters()
    {
        yield return new TestCaseData(new RunFilter(), "c b a").SetName("NoFilterListsEveryRun");
        yield return new TestCaseData(new RunFilter { WorkflowName = "etl" }, "c a").SetName("AWorkflowListsItsRuns");
        yield return new TestCaseData(new RunFilter { TenantId = "t2" }, "b").SetName("ATenantListsItsRuns");
        yield return new TestCaseData(new RunFilter { Environment = "dev" }, "c b").SetName("AnEnvironmentListsItsRuns");
        yield return new TestCaseData(new RunFilter { UserId = "bob" }, "c").SetName("AUserListsRunsWithTheirEntries");
        yield return new TestCaseData(new RunFilter { ParentRunId = "a" }, "c b").SetName("AParentListsItsChildren");
        yield return new TestCaseData(new RunFilter { Status = RunStatus.Failed }, "a").SetName("FailedListsRunsWithAnError");
        yield return new TestCaseData(new RunFilter { Status = RunStatus.Succeeded }, "b").SetName("SucceededListsClosedRunsWithoutError");
        yield return new TestCaseData(new RunFilter { Status = RunStatus.Unknown }, "c").SetName("UnknownListsTheRest");
        yield return new TestCaseData(new RunFilter { Since = Day.AddHours(6) }, "c").SetName("SinceListsRunsWithAnEntryFromThen");
        yield return new TestCaseData(new RunFilter { Since = Day.AddHours(2), Until = Day.AddHours(3) }, "a").SetName("ATimeRangeListsRunsWithAnEntryInIt");
        yield return new TestCaseData(new RunFilter { Until = Day.AddHours(3) }, "a").SetName("UntilExcludesItsInstant");
        yield return new TestCaseData(new RunFilter { WorkflowName = "etl", TenantId = "t1", Status = RunStatus.Unknown }, "c").SetName("FiltersCombine");
    }

    [TestCaseSource(nameof(Filters))]
    public async Task EachFilterListsTheRunsItSelects(RunFilter filter, string expected)
    {
        await SeedFilterRuns(Server);
        using var reader = Reader(Server);

        var runs = await reader.ListRunsAsync(filter).ToListAsync();

        Assert.That(string.Join(' ', runs.Select(r => r.RunId)), Is.EqualTo(expected));
    }

    [Test]
    public async Task AFilteredRunIsSummarisedWhole()
    {
        await SeedFilterRuns(Server);
        using var reader = Reader(Server);

        var run = (await reader.ListRunsAsync(new RunFilter { Since = Day.AddHours(6) }).ToListAsync()).Single();

        Assert.That(run, Is.EqualTo(new RunSummary
        {
            RunId = "c", ParentRunId = "a", WorkflowName = "etl", TenantId = "t1", Environment = "dev", UserId = "bob",
            FirstTime = Day.AddHours(5), LastTime = Day.AddHours(9), Entries = 2, Errors = 0, Status = RunStatus.Unknown,
        }));
    }

    [Test]
    public async Task DocumentsIndexedDuringAnEnumerationChangeNothingInIt()
    {
        await BulkAsync(Server, ManyRuns(60));
        using var reader = Reader(Server, pageSize: 5);
        var before = await reader.ListRunsAsync().ToListAsync();

        var during = new List<RunSummary>();
        await foreach (var run in reader.ListRunsAsync())
        {
            during.Add(run);
            if (during.Count == 10)
            {
                await BulkAsync(Server,
                [
                    Entry("newest", Day.AddDays(1)),                                       // a new run, newer than all
                    Entry("new-in-the-middle", Day.AddMinutes(30).AddSeconds(1)),          // a new run among the listed
                    Entry("run-0055", Day.AddMinutes(55).AddSeconds(50), "error"),         // an error for a listed run
                    Entry("run-0020", Day.AddMinutes(20).AddSeconds(50), "critical"),      // an error for a run not yet listed
                    Entry("run-0010", Day.AddMinutes(-5)),                                 // an earlier first entry for a run not yet listed
                ]);
            }
        }

        Assert.That(during, Is.EqualTo(before));
        var after = await reader.ListRunsAsync().ToListAsync();
        Assert.That(after, Has.Count.EqualTo(62), "the writes did land: a new listing sees them");
        Assert.That(after[0].RunId, Is.EqualTo("newest"));
        Assert.That(after.Single(r => r.RunId == "run-0020").Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(after[^1].RunId, Is.EqualTo("run-0010"));
    }

    [Test]
    public async Task StoppingEarlyClosesThePointInTime()
    {
        await BulkAsync(Server, ManyRuns(30));
        using var reader = Reader(Server, pageSize: 5);

        await foreach (var _ in reader.ListRunsAsync())
            break;

        Assert.That(Server.SearchContexts.PointsInTimeOpened, Is.EqualTo(1));
        Assert.That(Server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task CancellingClosesThePointInTime()
    {
        await BulkAsync(Server, ManyRuns(30));
        using var reader = Reader(Server, pageSize: 5);
        using var cancellation = new CancellationTokenSource();

        var listed = 0;
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ListRunsAsync(cancellationToken: cancellation.Token))
            {
                if (++listed == 3)
                    await cancellation.CancelAsync();
            }
        });

        Assert.That(Server.SearchContexts.PointsInTimeOpened, Is.EqualTo(1));
        Assert.That(Server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task ACompleteListingClosesThePointInTime()
    {
        await BulkAsync(Server, ManyRuns(8));
        using var reader = Reader(Server, pageSize: 3);

        var runs = await reader.ListRunsAsync().ToListAsync();

        Assert.That(runs, Has.Count.EqualTo(8));
        Assert.That(Server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task AnExpiredPointInTimeIsReportedNamingKeepAlive()
    {
        await BulkAsync(Server, ManyRuns(30));
        using var reader = Reader(Server, pageSize: 5);

        var error = Assert.CatchAsync<TraceReadException>(async () =>
        {
            await foreach (var _ in reader.ListRunsAsync())
                Server.ExpireSearchContexts();
        });

        Assert.That(error!.Message, Does.Contain("KeepAlive"));
    }

    [Test]
    public async Task NoRequestAsksForMoreThanAPageOfRuns()
    {
        await BulkAsync(Server, ManyRuns(200));
        using var reader = Reader(Server, pageSize: 10);

        var runs = await reader.ListRunsAsync().ToListAsync();

        Assert.That(runs, Has.Count.EqualTo(200));
        var searches = Server.Requests.Where(r => r.Path.EndsWith("_search", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.BodyText)!).ToList();
        Assert.That(searches, Is.Not.Empty);
        foreach (var body in searches)
        {
            Assert.That((int?)body["aggs"]?["page"]?["composite"]?["size"] ?? 0, Is.LessThanOrEqualTo(10), body.ToJsonString());
            Assert.That((body["query"]?["terms"]?["run_id"] as JsonArray)?.Count ?? 0, Is.LessThanOrEqualTo(10), "run ids summarised at once: " + body.ToJsonString());
        }
    }

    [Test]
    public async Task AnEmptyIndexListsNothing()
    {
        await BulkAsync(Server, [Entry("x", Day)]);
        using var reader = Reader(Server);

        Assert.That(await reader.ListRunsAsync(new RunFilter { WorkflowName = "none" }).ToListAsync(), Is.Empty);
    }

    [Test]
    public void AMissingIndexIsNamed()
    {
        using var reader = Reader(Server, index: "absent");

        var error = Assert.CatchAsync<TraceIndexMissingException>(async () => await reader.ListRunsAsync().ToListAsync());
        Assert.That(error!.Message, Does.Contain("absent"));
    }

    [Test]
    public void ATimeRangeEndingBeforeItStartsIsRefused()
    {
        using var reader = Reader(Server);

        Assert.Throws<ArgumentException>(() => reader.ListRunsAsync(new RunFilter { Since = Day.AddHours(2), Until = Day.AddHours(1) }));
    }
}
