using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8a: an outage longer than <c>retryTimeLimit</c>, with ten times <c>queueLimit</c> events logged
/// during it. The disk holds them, not memory; no batch read from the files is given up while the server is away,
/// and when it is back every event is delivered once. (The outage is seconds long here, and <c>retryTimeLimit</c> a
/// fraction of it: what matters is the ratio, the same as an outage of hours against the default ten minutes.)
/// </summary>
public class DurableOutageTests : DurableBufferTest
{
    const int QueueLimit = 200;
    const int Logged = 10 * QueueLimit;
    static readonly TimeSpan RetryTimeLimit = TimeSpan.FromMilliseconds(500);

    [Test]
    public async Task An_outage_longer_than_retryTimeLimit_keeps_every_event_on_disk_past_the_queueLimit_and_delivers_each_once_after_it()
    {
        await Server.StopAsync();
        var listener = new RecordingFailureListener();
        await using var logger = DurableLogger(listener, o =>
        {
            o.QueueLimit = QueueLimit;
            o.MaxRetries = 0;
            o.Timeout = TimeSpan.FromSeconds(1);
            o.RetryTimeLimit = RetryTimeLimit;
            o.BufferFlushInterval = TimeSpan.FromMilliseconds(100);
        });
        for (var i = 0; i < Logged; i++)
        {
            NumberedEvents.Log(logger, i);
            // Logged at a pace the spool keeps up with: the queue in memory never holds queueLimit events.
            if (i % 100 == 99)
                await Eventually.WaitFor(() => LinesInSegments() == i + 1, $"the spool writes events up to {i} to the files");
        }

        // Back-off from 100 ms doubling: five failed attempts span 1.5 s, three times retryTimeLimit.
        await Eventually.WaitFor(() => Attempts(listener) >= 5 || Reported(listener).Count > 0, "five failed attempts at the first batch");
        var status = WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == Index);
        var reportedDuringOutage = Reported(listener).Count;
        Assert.Multiple(() =>
        {
            Assert.That(reportedDuringOutage, Is.Zero, "reported while the server was away: 0 — the files keep them");
            Assert.That(LinesInSegments(), Is.EqualTo(Logged), "all on disk: 2000 lines");
            Assert.That(status.BufferedEvents, Is.EqualTo(Logged), "BufferedEvents counts what waits in memory and on disk");
            Assert.That(status.BufferedEvents, Is.GreaterThan(status.QueueLimit), "disk, not queueLimit, bounds the outage");
            Assert.That(Server.DocumentCount, Is.Zero);
        });

        await Server.RestartAsync();
        await Eventually.WaitFor(() => StoredNumbers().Count >= Logged, "every event delivered after the outage");
        await logger.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, Logged)), "delivered: 2000, each once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(Reported(listener), Is.Empty, "reported: 0");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    /// <summary>Failed attempts the listener heard of as kept for another try (<c>Temporary</c>).</summary>
    static int Attempts(RecordingFailureListener listener) => listener.Failures.Count(f => f.Kind == LoggingFailureKind.Temporary);
}
