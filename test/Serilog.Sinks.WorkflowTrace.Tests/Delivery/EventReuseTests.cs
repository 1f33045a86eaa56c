using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// The event objects of a delivered batch are used again for later events: nothing of an earlier event — its
/// degraded form, its failure, its values — may show in a later document, and what a failure listener was given
/// stays what it was.
/// </summary>
public class EventReuseTests : LoopbackServerTest
{
    [Test]
    public void LaterBatchesCarryNothingOfTheEventsWhoseObjectsTheyReuse()
    {
        // Refused wherever "hopeless" appears, so its degraded form is refused too and it is reported.
        Server.ItemRule = item => item.Document.GetRawText().Contains("hopeless") ? ItemError.MappingError("metadata.Mood") : null;
        var fallback = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 4), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            // First batch: a number in metadata.Attempt, a string there (degraded), a reported event, one fine.
            logger.ForContext("Attempt", 1).Information("first {Round}", 0);
            logger.ForContext("Attempt", "three").Information("degraded {Round}", 0);
            logger.ForContext("Mood", "hopeless").Information("hopeless {Round}", 0);
            logger.Information("fine {Round}", 0);
            // Then rounds of plain events, each batch after the first reusing the objects of the one before.
            for (var round = 1; round <= 10; round++)
            {
                for (var i = 0; i < 4; i++)
                    logger.ForContext("Attempt", 2).Information("round {Round} event {Index}", round, i);
            }
        }

        var messages = Server.Documents.Select(d => d.Source.GetProperty("message").GetString()).ToList();
        var expected = new[] { "first 0", "degraded 0", "fine 0" }
            .Concat(Enumerable.Range(1, 10).SelectMany(r => Enumerable.Range(0, 4).Select(i => $"round {r} event {i}")));
        Assert.That(messages, Is.EquivalentTo(expected), "every event once, each with its own message");
        Assert.That(Server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(messages.Count), "each with its own document id");

        var later = Server.Documents.Where(d => d.Source.GetProperty("message").GetString()!.StartsWith("round", StringComparison.Ordinal)).ToList();
        Assert.That(later.Select(d => d.Source.GetProperty("metadata").TryGetProperty("degraded_reason", out _)), Is.All.False,
            "no later document is sent degraded because an earlier event in the same object was");
        Assert.That(later.Select(d => d.Source.GetProperty("metadata").GetProperty("Attempt").GetInt32()), Is.All.EqualTo(2));

        var reported = fallback.Events.Single();
        Assert.That(reported.RenderMessage(), Is.EqualTo("hopeless 0"), "what the listener got is a copy, untouched by reuse");
        Assert.That(reported.Properties["Mood"].ToString(), Is.EqualTo("\"hopeless\""));
    }
}
