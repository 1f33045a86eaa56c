using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Under an outage the logging call never waits for the network, memory stays bounded by the queue limit, and
/// what could not be kept is counted and reported with the time it started.
/// </summary>
public class OutageTests : LoopbackServerTest
{
    static WorkflowTraceStatus StatusOf(string index) => WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == index);

    [Test]
    public async Task LoggingGoesOnWhileARequestHangs()
    {
        var index = "hang-" + Guid.NewGuid().ToString("N")[..8];
        Server.Faults.Delay(TimeSpan.FromSeconds(30));
        var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, bufferSize: 100, timeout: TimeSpan.FromSeconds(5))
            .CreateLogger();
        try
        {
            logger.Information("first, its request hangs");
            var deadline = DateTime.UtcNow + Patience;
            while (BulkRequests.Of(Server).Count == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            Assert.That(BulkRequests.Of(Server), Has.Count.EqualTo(1));

            for (var i = 0; i < 2000; i++)
                logger.Information("logged while the request hangs {I}", i);

            // Every call above returned while the first request was still unanswered.
            Assert.That(BulkRequests.Of(Server), Has.Count.EqualTo(1), "nothing else was sent: the sink is still waiting");
            Assert.That(Server.DocumentCount, Is.Zero);
            Assert.That(StatusOf(index).BufferedEvents, Is.EqualTo(2001));
        }
        finally
        {
            await logger.DisposeAsync();
        }

        Assert.That(Server.DocumentCount, Is.EqualTo(2001), "the hung request timed out, was sent again, and everything arrived");
    }

    [Test]
    public async Task AnOutageKeepsMemoryWithinTheQueueLimitAndCountsWhatWasDropped()
    {
        var index = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await Server.StopAsync();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, bufferSize: 10, queueLimit: 50, maxRetries: 0, timeout: TimeSpan.FromSeconds(2)),
                wt => wt.Sink(fallback))
            .CreateLogger();
        try
        {
            var before = DateTimeOffset.UtcNow;
            for (var i = 0; i < 1000; i++)
                logger.Information("during the outage {I}", i);

            var status = StatusOf(index);
            Assert.That(status.BufferedEvents, Is.LessThanOrEqualTo(50), "bounded by queueLimit");
            Assert.That(status.EventsDropped, Is.EqualTo(1000 - status.BufferedEvents));
            Assert.That(status.DroppingSince, Is.GreaterThanOrEqualTo(before), "since when");
            Assert.That(fallback.Events, Has.Count.EqualTo(status.EventsDropped), "each dropped event reported");
            Assert.That(selfLog.Lines.Count(l => l.Contains("events are dropped from")), Is.EqualTo(1), "one line when dropping starts, not one per event");

            await Server.RestartAsync();
            logger.Information("after the outage");
        }
        finally
        {
            await logger.DisposeAsync();
        }

        var summary = selfLog.Lines.Single(l => l.Contains("were dropped because the queue was full"));
        Assert.That(summary, Does.Contain($"{fallback.Events.Count} event(s)"));
        Assert.That(Server.DocumentCount + fallback.Events.Count, Is.EqualTo(1001), "every event delivered or reported, once");
        Assert.That(Server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(Server.DocumentCount));
    }
}
