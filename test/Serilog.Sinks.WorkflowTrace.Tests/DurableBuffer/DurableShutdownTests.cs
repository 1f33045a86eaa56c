using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>Closing a sink with a buffer ends within its deadline whatever the cluster does, and leaves on disk what it could not ship.</summary>
public class DurableShutdownTests : DurableBufferTest
{
    [Test]
    public async Task AgainstAHangingClusterDisposeEndsWithinTheShutdownTimeoutAndTheNextSinkShipsEverythingOnce()
    {
        var shutdownTimeout = TimeSpan.FromSeconds(2);
        Server.Faults.Delay(TimeSpan.FromSeconds(60), times: 1000);
        using var selfLog = new SelfLogCollector();
        var first = DurableLogger(o => { o.ShutdownTimeout = shutdownTimeout; o.Timeout = TimeSpan.FromSeconds(30); });
        for (var i = 0; i < 300; i++)
            NumberedEvents.Log(first, i);

        var closing = Stopwatch.StartNew();
        await first.DisposeAsync();
        closing.Stop();

        Assert.That(closing.Elapsed, Is.LessThan(shutdownTimeout * 2), "within the deadline, with a generous margin");
        Assert.That(selfLog.Lines, Has.Some.Contains("300 event(s) were not delivered before the sink closed").And.Contains("remain in the durable buffer"),
            string.Join(Environment.NewLine, selfLog.Lines));

        Server.Faults.Clear();
        await using (var second = DurableLogger())
            NumberedEvents.Log(second, 300);

        var stored = StoredNumbers();
        Assert.That(stored.Order(), Is.EqualTo(Enumerable.Range(0, 301)), "each event once: delivered 301, doubled 0");
    }
}
