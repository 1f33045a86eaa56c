using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// <see cref="WorkflowTracing.FlushAsync"/> answers true only when everything logged before the call was
/// delivered: an event dropped (and reported) on the way makes it false.
/// </summary>
public class FlushOutcomeTests : LoopbackServerTest
{
    [Test]
    public async Task AFlushAfterEventsWereDroppedAnswersFalse()
    {
        var fallback = new ListSink();
        using var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: TimeSpan.FromHours(1)),
                wt => wt.Sink(fallback))
            .CreateLogger();

        // Every item refused for its content, as sent and again degraded: each event is dropped and reported.
        Server.Faults.FailItems(_ => ItemError.MappingError("metadata.Attempt"), times: 10);
        for (var i = 0; i < 30; i++)
            logger.Information("event {Number}", i);

        Assert.That(await WorkflowTracing.FlushAsync(), Is.False, "30 events were dropped");
        Assert.That(fallback.Events, Has.Count.EqualTo(30));
        Assert.That(Server.DocumentCount, Is.Zero);

        Server.Faults.Clear();
        logger.Information("after the trouble");
        Assert.That(await WorkflowTracing.FlushAsync(), Is.True, "a clean run since the last flush says so again");
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AFlushOfACleanRunAnswersTrue()
    {
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: TimeSpan.FromHours(1))
            .CreateLogger();
        for (var i = 0; i < 30; i++)
            logger.Information("event {Number}", i);

        Assert.That(await WorkflowTracing.FlushAsync(), Is.True);
        Assert.That(Server.DocumentCount, Is.EqualTo(30));
    }
}
