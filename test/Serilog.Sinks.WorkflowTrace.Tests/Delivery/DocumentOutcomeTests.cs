using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Per-document outcomes: "try again" items are resent alone within the batch attempt; a document rejected for
/// its content is resent once in a degraded form; only if that fails too is it reported.
/// </summary>
public class DocumentOutcomeTests : LoopbackServerTest
{
    static string MessageOf(BulkItemContext item) =>
        item.Document.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "";

    [Test]
    public void ATypeConflictInMetadataLosesNoEventTheDocumentArrivesDegraded()
    {
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 1)
                   .CreateLogger())
        {
            // The first document maps metadata.Attempt as a number (dynamic mapping); the second is a string there.
            logger.ForContext("Attempt", 1).Information("first attempt");
            logger.ForContext("Attempt", "three").Information("third attempt");
        }

        Assert.That(Server.DocumentCount, Is.EqualTo(2), "nothing lost");
        var degraded = Server.Documents.Single(d => d.Source.GetProperty("message").GetString() == "third attempt").Source;
        var metadata = degraded.GetProperty("metadata");
        Assert.That(metadata.GetProperty("degraded_reason").GetString(), Does.Contain("status 400").And.Contain("metadata.Attempt"));
        var content = JsonDocument.Parse(metadata.GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("metadata").GetProperty("Attempt").GetString(), Is.EqualTo("three"), "the offending content is kept");
        Assert.That(degraded.GetProperty("level").GetString(), Is.EqualTo("info"), "the contract's fields stay searchable");
        Assert.That(selfLog.Text, Does.Contain("sending it again with its content kept as a JSON string"));
        Assert.That(listener.Failures, Is.Empty);
    }

    [Test]
    public void ADocumentWhoseDegradedFormIsRejectedTooIsReportedWithBothReasons()
    {
        // Refused wherever "hopeless" appears, so the degraded form (which keeps it in a string) is refused too.
        Server.ItemRule = item => item.Document.GetRawText().Contains("hopeless") ? ItemError.MappingError("metadata.Mood") : null;
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("fine");
            logger.ForContext("Mood", "hopeless").Information("hopeless");
        }

        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EqualTo(new[] { "fine" }));
        Assert.That(fallback.Events.Single().MessageTemplate.Text, Is.EqualTo("hopeless"), "the optional failure sink gets the event");
        Assert.That(selfLog.Text, Does.Contain("and then its degraded form too"));
        var sends = BulkRequests.Of(Server).Count(r => r.BodyText.Contains("hopeless"));
        Assert.That(sends, Is.EqualTo(2), "sent as it was, then once degraded; not again");
    }

    [Test]
    public async Task ItemsAnsweredTryAgainAreResentAloneWithinTheSameAttempt()
    {
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 3, flushInterval: TimeSpan.FromHours(1))
                   .CreateLogger())
        {
            // After the eagerly sent first event, the batching waits for three events: one request for them.
            logger.Information("warm-up");
            await Server.WaitForDocumentsAsync(1, Patience);
            Server.Faults.FailItems(item => MessageOf(item) == "two" ? ItemError.TooManyRequests() : null);
            logger.Information("one");
            logger.Information("two");
            logger.Information("three");
            await Server.WaitForDocumentsAsync(4, Patience);
        }

        var requests = BulkRequests.Of(Server);
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(BulkRequests.Ids(requests[2]), Is.EqualTo(new[] { BulkRequests.Ids(requests[1])[1] }), "only the refused item goes again");
        Assert.That(selfLog.Text, Does.Contain("resending them alone"), "within the attempt");
        Assert.That(selfLog.Text, Does.Not.Contain("will be sent again"), "not handed back to Serilog's batching");
        Assert.That(Server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public async Task ItemsStillRefusedAfterMaxRetriesGoBackToSerilogsBatchingAndArriveLater()
    {
        // Four answers of 503 for the item: the first send and maxRetries (3) resends within the attempt.
        Server.Faults.FailItems(item => MessageOf(item) == "a" ? ItemError.ShardUnavailable() : null, times: 4);
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString())
                   .CreateLogger())
        {
            logger.Information("a");
            await Server.WaitForDocumentsAsync(1, TimeSpan.FromSeconds(60));
        }

        Assert.That(BulkRequests.Of(Server).Count(r => r.BodyText.Contains("\"a\"")), Is.EqualTo(5), "1 send + 3 item retries, then Serilog's own retry");
        Assert.That(selfLog.Text, Does.Contain("1 document(s) were not accepted yet and will be sent again"));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }
}
