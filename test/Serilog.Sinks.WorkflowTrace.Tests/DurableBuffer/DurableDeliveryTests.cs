using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>With <c>bufferPath</c>: every event goes through the files, arrives once, and what is left is shipped by the next sink.</summary>
public class DurableDeliveryTests : DurableBufferTest
{
    [Test]
    public async Task EveryEventGoesThroughTheFilesAndArrivesOnce()
    {
        await using (var logger = DurableLogger())
        {
            for (var i = 0; i < 1000; i++)
                NumberedEvents.Log(logger, i);
        }

        Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, 1000)), "each event once");
        Assert.That(Server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(1000));
        Assert.That(File.Exists(Path.Combine(BufferPath, "bookmark")), "the events were read from the files, which keep a bookmark");
    }

    [Test]
    public async Task WhatAClosedSinkCouldNotShipIsShippedByTheNextOnTheSamePathInOrder()
    {
        await Server.StopAsync();
        using var selfLog = new SelfLogCollector();
        await using (var first = DurableLogger(o => { o.ShutdownTimeout = TimeSpan.FromSeconds(2); o.MaxRetries = 0; o.Timeout = TimeSpan.FromSeconds(1); }))
        {
            for (var i = 0; i < 500; i++)
                NumberedEvents.Log(first, i);
        }

        Assert.That(selfLog.Lines, Has.Some.Contains("500 event(s) were not delivered before the sink closed").And.Contains("remain in the durable buffer"),
            string.Join(Environment.NewLine, selfLog.Lines));
        Assert.That(Segments(), Is.Not.Empty, "left on disk");

        await Server.RestartAsync();
        await using (var second = DurableLogger())
        {
            for (var i = 500; i < 600; i++)
                NumberedEvents.Log(second, i);
        }

        var stored = Server.Documents.Where(d => d.Index.StartsWith(Index, StringComparison.Ordinal)).ToList();
        Assert.That(NumberedEvents.Stored(stored).Order(), Is.EqualTo(Enumerable.Range(0, 600)), "each event once");
        var firstArrival = NumberedEvents.Stored(stored).ToList();
        Assert.That(firstArrival.Take(500), Is.Ordered, "the first sink's events in the order they were logged");
    }

    [Test]
    public void ASecondSinkOnTheSamePathIsRefusedNamingBufferPath()
    {
        using var first = DurableLogger();
        var refused = Assert.Throws<ArgumentException>(() => DurableLogger());
        Assert.That(refused!.ParamName, Is.EqualTo("bufferPath"));
        Assert.That(refused.Message, Does.Contain(BufferPath).And.Contain("in use by another WorkflowTrace sink"));
    }

    [Test]
    public async Task FlushReturnsOnceTheEventsLoggedBeforeItAreStored()
    {
        await using var logger = DurableLogger(o => o.FlushInterval = TimeSpan.FromMinutes(5));
        NumberedEvents.Log(logger, 0);
        await Task.Delay(200);
        for (var i = 1; i < 50; i++)
            NumberedEvents.Log(logger, i);

        using var patience = new CancellationTokenSource(Patience);
        Assert.That(await WorkflowTracing.FlushAsync(patience.Token), Is.True);
        Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, 50)));
    }

    [Test]
    public async Task WithWriteThroughEachLoggingCallReturnsWithItsEventInTheFile()
    {
        await Server.StopAsync();
        await using var logger = DurableLogger(o => { o.BufferFlushInterval = TimeSpan.Zero; o.ShutdownTimeout = TimeSpan.FromSeconds(2); o.MaxRetries = 0; });

        for (var i = 0; i < 20; i++)
        {
            NumberedEvents.Log(logger, i);
            // Read at once, without waiting: the call returned only once its line was written (and fsynced).
            var lines = Segments().SelectMany(f => ReadShared(Path.Combine(BufferPath, f))).ToList();
            Assert.That(lines, Has.Count.EqualTo(i + 1), $"after event {i}");
            Assert.That(lines[^1], Does.Contain($"\"Number\":{i}"));
        }
    }

    static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public async Task EventsAFullBufferDropsAreCountedInTheStatusAndMakeAFlushAnswerFalse()
    {
        await Server.StopAsync();
        using var selfLog = new SelfLogCollector();
        // Written through, so that every drop has happened when the last logging call returns.
        var logger = DurableLogger(o => { o.BufferSizeLimitBytes = 65_536; o.BufferFlushInterval = TimeSpan.Zero; o.MaxRetries = 0; o.Timeout = TimeSpan.FromSeconds(1); o.ShutdownTimeout = TimeSpan.FromSeconds(2); });
        try
        {
            for (var i = 0; i < 3000; i++)
                NumberedEvents.Log(logger, i);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            Assert.That(await WorkflowTracing.FlushAsync(patience.Token), Is.False);

            var reported = selfLog.Lines.Where(l => l.Contains("was deleted with"))
                .Sum(l => long.Parse(System.Text.RegularExpressions.Regex.Match(l, @"with (\d+) unshipped").Groups[1].Value));
            var status = WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == Index);
            Assert.That(reported, Is.GreaterThan(0), "the buffer was full");
            Assert.That(status.EventsDropped, Is.EqualTo(reported), "each event dropped with a file is counted");
        }
        finally
        {
            await logger.DisposeAsync();
        }
    }
}
