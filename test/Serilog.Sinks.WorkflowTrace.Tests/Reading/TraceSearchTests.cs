using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.SearchSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 point 4, searches: every part of a <see cref="TraceQuery"/> alone and combined, counted with
/// <c>_count</c> and streamed with <see cref="WorkflowTraceReader.SearchAsync"/>, against the loopback server with the
/// sink's own mapping.
/// </summary>
public class TraceSearchTests : LoopbackServerTest
{
    WorkflowTraceReader _reader = null!;

    [SetUp]
    public async Task Seed()
    {
        await InstallTemplateAsync(Server);
        await BulkAsync(Server,
        [
            Entry("r1", Day.AddHours(10), message: "connection refused by host", extra: new JsonObject
            {
                ["stage_name"] = "extract", ["job_name"] = "j1", ["user_id"] = "u1", ["tenant_id"] = "t1", ["environment"] = "prod",
                ["tags"] = new JsonArray("a", "b"),
            }),
            Entry("r1", Day.AddHours(10).AddMinutes(5), "error", "load failed", extra: new JsonObject
            {
                ["stage_name"] = "load", ["exception_message"] = "Disk full", ["tags"] = new JsonArray("b"), ["tenant_id"] = "t1",
            }),
            Entry("r2", Day.AddHours(11), message: "invoice refused", workflow: "billing", extra: new JsonObject
            {
                ["user_id"] = "u2", ["tenant_id"] = "t2", ["environment"] = "dev", ["tags"] = new JsonArray("c"),
            }),
            Entry("r2", Day.AddHours(12), "warning", "slow", workflow: "billing", extra: new JsonObject { ["tags"] = new JsonArray("a") }),
            Entry("r3", Day.AddHours(13), "critical", "connection lost", extra: new JsonObject { ["tenant_id"] = "t1", ["environment"] = "prod" }),
            Entry("r4", DateTimeOffset.UtcNow.AddMinutes(-10), message: "recent entry"),
        ]);
        _reader = Reader(Server);
    }

    [TearDown]
    public void DisposeReader() => _reader.Dispose();

    static IEnumerable<TestCaseData> SingleFilters()
    {
        yield return new TestCaseData(TraceQuery.All, "r1 r1 r2 r2 r3 r4").SetName("EveryEntryWithoutConditions");
        yield return new TestCaseData(TraceQuery.All.ForWorkflow("billing"), "r2 r2").SetName("AWorkflowSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.ForStage("load"), "r1").SetName("AStageSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.ForJob("j1"), "r1").SetName("AJobSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.AtLevels("warning", "critical"), "r2 r3").SetName("LevelsSelectAnyOfThem");
        yield return new TestCaseData(TraceQuery.All.Errors(), "r1 r3").SetName("ErrorsAreErrorAndCriticalLevels");
        yield return new TestCaseData(TraceQuery.All.SinceTime(Day.AddHours(12)), "r2 r3 r4").SetName("SinceIncludesItsInstant");
        yield return new TestCaseData(TraceQuery.All.Between(Day.AddHours(10).AddMinutes(5), Day.AddHours(12)), "r1 r2").SetName("BetweenExcludesItsEnd");
        yield return new TestCaseData(TraceQuery.All.InLast(TimeSpan.FromHours(1)), "r4").SetName("InLastCountsBackFromTheClustersNow");
        yield return new TestCaseData(TraceQuery.All.ForUser("u2"), "r2").SetName("AUserSelectsTheirEntries");
        yield return new TestCaseData(TraceQuery.All.ForTenant("t1"), "r1 r1 r3").SetName("ATenantSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.InEnvironment("dev"), "r2").SetName("AnEnvironmentSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.WithAnyTag("a", "c"), "r1 r2 r2").SetName("AnyTagsSelectEntriesWithOneOfThem");
        yield return new TestCaseData(TraceQuery.All.WithAllTags("a", "b"), "r1").SetName("AllTagsSelectEntriesWithEveryOne");
        yield return new TestCaseData(TraceQuery.All.ForRun("r2"), "r2 r2").SetName("ARunSelectsItsEntries");
        yield return new TestCaseData(TraceQuery.All.Containing("disk"), "r1").SetName("TextMatchesTheExceptionMessage");
        yield return new TestCaseData(TraceQuery.All.Containing("REFUSED"), "r1 r2").SetName("TextMatchesTheMessageWhateverItsCase");
    }

    [TestCaseSource(nameof(SingleFilters))]
    public async Task EachConditionAloneSelectsItsEntriesInSearchAndCount(TraceQuery query, string expectedRuns)
    {
        var entries = await _reader.SearchAsync(query).ToListAsync();
        var count = await _reader.CountAsync(query);

        Assert.That(string.Join(' ', entries.Select(e => e.RunId)), Is.EqualTo(expectedRuns));
        Assert.That(count, Is.EqualTo(entries.Count));
    }

    [Test]
    public async Task ConditionsCombineAllMustHold()
    {
        var query = TraceQuery.All.ForWorkflow("etl").ForTenant("t1").InEnvironment("prod").Errors().WithAnyTag("x", "b", "a")
            .SinceTime(Day).Containing("connection");

        var none = await _reader.SearchAsync(query).ToListAsync();
        var one = await _reader.SearchAsync(query with { AnyTags = [] }).ToListAsync();

        Assert.That(none, Is.Empty, "r3 has no tag, r1's error is not in prod");
        Assert.That(one.Select(e => e.Message), Is.EqualTo(new[] { "connection lost" }));
        Assert.That(await _reader.CountAsync(query with { AnyTags = [] }), Is.EqualTo(1));
    }

    [Test]
    public async Task NewestFirstStreamsInReverseTimeOrder()
    {
        var entries = await _reader.SearchAsync(TraceQuery.All.ForWorkflow("etl"), TraceOrder.NewestFirst).ToListAsync();

        Assert.That(entries.Select(e => e.Datetime), Is.Ordered.Descending);
        Assert.That(entries, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task TextMatchesOnlyEntriesWithEveryWord()
    {
        var count = await _reader.CountAsync(TraceQuery.All.Containing("connection refused"));

        Assert.That(count, Is.EqualTo(1), "'invoice refused' and 'connection lost' have one word of the two");
    }

    [Test]
    public async Task ALastSpanOfAHundredYearsIsAcceptedByTheCluster()
    {
        var count = await _reader.CountAsync(TraceQuery.All.InLast(TimeSpan.FromDays(36_500)));

        Assert.That(count, Is.EqualTo(6));
    }

    [Test]
    public void ATimeRangeEndingBeforeItStartsIsRefusedNamingBothEnds()
    {
        var query = TraceQuery.All.Between(Day.AddHours(12), Day.AddHours(11));

        var error = Assert.ThrowsAsync<ArgumentException>(() => _reader.CountAsync(query));
        Assert.That(error!.Message, Does.Contain("Until (2024-03-01T11:00:00.000Z)").And.Contain("Since (2024-03-01T12:00:00.000Z)"));
        Assert.Throws<ArgumentException>(() => _reader.SearchAsync(query));
    }

    [Test]
    public void ANonPositiveLastSpanIsRefused() =>
        Assert.ThrowsAsync<ArgumentException>(() => _reader.CountAsync(TraceQuery.All.InLast(TimeSpan.Zero)));

    [Test]
    public async Task CountingAMissingIndexNamesIt()
    {
        using var reader = Reader(Server, index: "absent");

        var error = Assert.ThrowsAsync<TraceIndexMissingException>(() => reader.CountAsync(TraceQuery.All));
        Assert.That(error!.Message, Does.Contain("absent"));
        await Task.CompletedTask;
    }
}
