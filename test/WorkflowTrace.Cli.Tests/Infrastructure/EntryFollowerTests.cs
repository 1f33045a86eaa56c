using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Infrastructure;

public class EntryFollowerTests
{
    static readonly DateTimeOffset Start = RunsSeeding.Start;

    static async Task<List<string?>> PollAsync(EntryFollower follower)
    {
        var messages = new List<string?>();
        await foreach (var entry in follower.PollAsync(CancellationToken.None))
            messages.Add(entry.Message);
        return messages;
    }

    [Test]
    public async Task EntriesArrivingLateInTheSameMillisecondOrEarlierAreFoundOnceAndNothingRepeats()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString() });
        var follower = new EntryFollower(reader, TraceQuery.All.ForRun("run-1"), from: null, lateness: TimeSpan.FromSeconds(10));
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start, "a"), RunsSeeding.Entry("run-1", Start.AddSeconds(5), "b")]);

        var first = await PollAsync(follower);
        await RunsSeeding.BulkAsync(server, [
            RunsSeeding.Entry("run-1", Start.AddSeconds(5), "same millisecond as b"),
            RunsSeeding.Entry("run-1", Start.AddSeconds(1), "late by four seconds"),
        ]);
        var second = await PollAsync(follower);
        var third = await PollAsync(follower);

        Assert.That(first, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(second, Is.EquivalentTo(new[] { "same millisecond as b", "late by four seconds" }));
        Assert.That(third, Is.Empty);
    }

    [Test]
    public async Task EntriesBeforeTheStartAreNeverReturned()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString() });
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start, "old"), RunsSeeding.Entry("run-1", Start.AddMinutes(5), "new")]);
        var follower = new EntryFollower(reader, TraceQuery.All.ForRun("run-1"), from: Start.AddMinutes(1), lateness: TimeSpan.FromMinutes(30));

        Assert.That(await PollAsync(follower), Is.EqualTo(new[] { "new" }));
        Assert.That(await PollAsync(follower), Is.Empty);
    }

    [Test]
    public void ANegativeLatenessIsRefused()
    {
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = "http://127.0.0.1:9" });

        Assert.Throws<ArgumentOutOfRangeException>(() => new EntryFollower(reader, TraceQuery.All, null, TimeSpan.FromSeconds(-1)));
    }
}
