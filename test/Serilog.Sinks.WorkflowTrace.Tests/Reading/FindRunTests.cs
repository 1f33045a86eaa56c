using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.RunSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Finding one run (issue 15, point 2): every entry however many, typed, with its summary, its text views and
/// optionally its child runs as a tree; a clear error when the run or the index is missing.
/// </summary>
public class FindRunTests
{
    [TestCase("es-8.15")]
    [TestCase("es-7.9")]
    [TestCase("opensearch-2")]
    public async Task ARunOfMoreThanTenThousandEntriesIsReadWholeInOrder(string name)
    {
        const int count = 10_500;
        await using var server = await StartAsync(name);
        await BulkAsync(server, Enumerable.Range(0, count)
            .Select(i => SinkDocument("big", i, Start.AddMilliseconds(i / 3), thread: i % 5, message: $"event {i}"))
            .Concat(Enumerable.Range(0, 50).Select(i => SinkDocument("other", 100_000 + i, Start, 1, "other"))));
        using var reader = Reader(server, pageSize: 1000);

        var trace = await reader.FindRunAsync("big");

        Assert.That(trace.Entries, Has.Count.EqualTo(count), "no cap at 1,000 or 10,000");
        Assert.That(trace.Entries.Select(e => e.Message), Is.EqualTo(Enumerable.Range(0, count).Select(i => $"event {i}")));
        Assert.That(trace.Summary!.Entries, Is.EqualTo(count));
        Assert.That(trace.Stdout.Split('\n'), Has.Length.EqualTo(count));
        var bodies = SearchBodies(server).Where(b => b.Length > 0).Select(b => JsonNode.Parse(b)!.AsObject()).ToList();
        Assert.That(bodies.Any(b => b.ContainsKey("from")), Is.False, "never from");
        Assert.That(bodies.Where(b => b.ContainsKey("size")).Select(b => b["size"]!.GetValue<int>()), Is.All.EqualTo(1000));
        var contexts = server.SearchContexts;
        Assert.That(contexts.OpenPointsInTime + contexts.OpenScrolls, Is.Zero);
        Assert.That(contexts.PointsInTimeOpened + contexts.ScrollsOpened, Is.EqualTo(1));
    }

    [Test]
    public async Task TheSummaryCountsEntriesAndErrorsAndDerivesTheStatus()
    {
        await using var server = await StartAsync("es-9.1");
        await BulkAsync(server,
        [
            SinkDocument("failed", 1, Start, 1, "start", workflow: "etl"),
            SinkDocument("failed", 2, Start.AddSeconds(1), 1, "stage done", workflow: "etl", durationMs: 1000),
            SinkDocument("failed", 3, Start.AddSeconds(2), 1, "boom", level: "error", workflow: "load"),
            SinkDocument("failed", 4, Start.AddSeconds(3), 1, "end", workflow: "etl"),
            SinkDocument("ok", 5, Start, 1, "start"),
            SinkDocument("ok", 6, Start.AddSeconds(5), 1, "job done", durationMs: 5000),
            SinkDocument("open", 7, Start, 1, "still going"),
        ]);
        using var reader = Reader(server);

        var failed = await reader.FindRunAsync("failed");
        var ok = await reader.FindRunAsync("ok");
        var open = await reader.FindRunAsync("open");

        Assert.That(failed.Summary, Is.EqualTo(new RunSummary
        {
            RunId = "failed",
            WorkflowName = "etl",
            FirstTime = new DateTimeOffset(Start),
            LastTime = new DateTimeOffset(Start.AddSeconds(3)),
            Entries = 4,
            Errors = 1,
            Status = RunStatus.Failed,
        }));
        Assert.That(ok.Summary!.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(ok.Summary.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(open.Summary!.Status, Is.EqualTo(RunStatus.Unknown));
        Assert.That(failed.Stdout.Split('\n').Select(l => l.Split(") ")[2][..120].TrimEnd()), Is.EqualTo(new[] { "start", "stage done", "end" }));
        Assert.That(failed.Stderr, Does.StartWith("2026-12-05T08:00:02.0000000Z ( 4242,     1) (failed) boom "));
        Assert.That(failed.Entries[2].IsError, Is.True);
    }

    [Test]
    public async Task AMissingRunThrowsNamingTheRunAndTheIndexOrGivesAnEmptyTraceWhenAsked()
    {
        await using var server = await StartAsync("es-9.1");
        await BulkAsync(server, [SinkDocument("present", 1, Start, 1, "here")]);
        using var reader = Reader(server);

        var missing = Assert.ThrowsAsync<TraceNotFoundException>(() => reader.FindRunAsync("absent"));
        var empty = await reader.FindRunAsync("absent", throwIfMissing: false);

        Assert.That(missing!.RunId, Is.EqualTo("absent"));
        Assert.That(missing.Index, Is.EqualTo(TraceIndex));
        Assert.That(missing.Message, Does.Contain("'absent'").And.Contain($"'{TraceIndex}'"));
        Assert.That(empty.IsEmpty, Is.True);
        Assert.That(empty.Summary, Is.Null);
        Assert.That((empty.RunId, empty.Stdout, empty.Stderr, empty.Children.Count), Is.EqualTo(("absent", "", "", 0)));
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [TestCase("es-9.1")]
    [TestCase("es-7.9")]
    [TestCase("opensearch-2")]
    public async Task AMissingIndexIsReportedAsSuch(string name)
    {
        await using var server = await StartAsync(name);
        using var reader = Reader(server);

        var failure = Assert.ThrowsAsync<TraceIndexMissingException>(() => reader.FindRunAsync("any"));

        Assert.That(failure!.Index, Is.EqualTo(TraceIndex));
    }

    [Test]
    public async Task ChildRunsAreReadAsATreeAndACycleOfParentIdsEnds()
    {
        await using var server = await StartAsync("es-9.1");
        await BulkAsync(server,
        [
            SinkDocument("root", 1, Start, 1, "root starts"),
            SinkDocument("child-b", 2, Start.AddSeconds(2), 1, "b", parentRunId: "root"),
            SinkDocument("child-a", 3, Start.AddSeconds(1), 1, "a", parentRunId: "root"),
            SinkDocument("grandchild", 4, Start.AddSeconds(3), 1, "g", parentRunId: "child-a"),
            SinkDocument("grandchild", 5, Start.AddSeconds(4), 1, "g2", parentRunId: "child-a"),
            SinkDocument("root", 6, Start.AddSeconds(5), 1, "root again, naming its grandchild as parent", parentRunId: "grandchild"),
            SinkDocument("unrelated", 7, Start, 1, "x"),
        ]);
        using var reader = Reader(server, pageSize: 2);

        var alone = await reader.FindRunAsync("root");
        var tree = await reader.FindRunAsync("root", includeChildren: true);

        Assert.That(alone.Children, Is.Empty);
        Assert.That(tree.Entries.Select(e => e.Message), Is.EqualTo(new[] { "root starts", "root again, naming its grandchild as parent" }));
        Assert.That(tree.Children.Select(c => c.RunId), Is.EqualTo(new[] { "child-a", "child-b" }), "in the order of their first entries");
        Assert.That(tree.Children[0].ParentRunId, Is.EqualTo("root"));
        Assert.That(tree.Children[0].Children.Single().RunId, Is.EqualTo("grandchild"));
        Assert.That(tree.Children[0].Children.Single().Entries, Has.Count.EqualTo(2));
        Assert.That(tree.Children[0].Children.Single().Children, Is.Empty, "root, already in the tree, is not read again as its child");
        Assert.That(tree.Children[1].Children, Is.Empty);
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero);
    }

    [Test]
    public async Task ARunWrittenThroughTheSinkFromSeveralThreadsIsReadBackInEachThreadsOrder()
    {
        const int threads = 3;
        const int perThread = 100;
        await using var server = await StartAsync("es-9.1");
        var options = new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = TraceIndex, RunId = "sink-run-0001", WorkflowName = "written", BufferSize = 1000 };
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(options).CreateLogger())
        {
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                    logger.Information("worker {Worker} event {Index}", t, i);
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        using var reader = Reader(server, pageSize: 7);
        var trace = await reader.FindRunAsync("sink-run-0001");

        Assert.That(trace.Entries, Has.Count.EqualTo(threads * perThread));
        foreach (var thread in trace.Entries.GroupBy(e => e.Thread))
        {
            var indices = thread.Select(e => int.Parse(e.Message!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(indices, Is.EqualTo(Enumerable.Range(0, perThread)), $"thread {thread.Key}");
        }

        Assert.That(trace.Entries.Select(e => e.Datetime), Is.Ordered);
        Assert.That(trace.Summary!.WorkflowName, Is.EqualTo("written"));
        Assert.That(trace.Stdout.Split('\n'), Has.Length.EqualTo(threads * perThread));
    }
}
