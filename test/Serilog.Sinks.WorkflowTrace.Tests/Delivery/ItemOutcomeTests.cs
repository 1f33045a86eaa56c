using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>Each document's fate is read from its own item of the bulk response; no failure goes unheard.</summary>
public class ItemOutcomeTests : LoopbackServerTest
{

    static string MessageOf(BulkItemContext item) =>
        item.Document.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "";

    [Test]
    public void AMappingErrorOnOneDocumentIsReportedWithTypeAndReasonAndTheOthersAreDelivered()
    {
        Server.ItemRule = item => MessageOf(item) == "bad" ? ItemError.MappingError("metadata.Attempt") : null;
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("good");
            logger.Information("bad");
            logger.Information("fine");
        }

        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "good", "fine" }));

        var failed = fallback.Events.Single();
        Assert.That(failed.MessageTemplate.Text, Is.EqualTo("bad"), "the failure listener gets the application's own event");

        Assert.That(selfLog.Text, Does.Contain("status 400").And.Contain("document_parsing_exception").And.Contain("metadata.Attempt"));
    }

    [Test]
    public void TheFailureListenerIsToldThePermanentFailureWithTheReason()
    {
        Server.ItemRule = item => MessageOf(item) == "bad" ? ItemError.MappingError("metadata.Attempt") : null;
        var listener = new RecordingFailureListener();
        var settings = new Serilog.Sinks.WorkflowTrace.Configuration.WorkflowTraceSettingsBuilder { Hosts = Server.Url.ToString() }.Build();
        var sink = WorkflowTraceSinkFactory.Create(settings);
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information("bad");
        }

        var failure = listener.Failures.Single();
        Assert.That(failure.Kind, Is.EqualTo(LoggingFailureKind.Permanent));
        Assert.That(failure.Message, Does.Contain("document_parsing_exception").And.Contain("status 400"));
        Assert.That(failure.Events.Single().MessageTemplate.Text, Is.EqualTo("bad"));
    }

    [Test]
    public void AConflictOnCreateOfOurOwnIdCountsAsDelivered()
    {
        Server.Faults.FailItems(_ => ItemError.VersionConflict());
        var listener = new RecordingFailureListener();
        var settings = new Serilog.Sinks.WorkflowTrace.Configuration.WorkflowTraceSettingsBuilder { Hosts = Server.Url.ToString() }.Build();
        var sink = WorkflowTraceSinkFactory.Create(settings);
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
            logger.Information("already there");

        Assert.That(listener.Failures, Is.Empty, "409 is the answer to a resend of a document that arrived");
        Assert.That(BulkRequests.Of(Server), Has.Count.EqualTo(1), "and it is not sent again");
    }

    [Test]
    public async Task ATooManyRequestsItemIsSentAgainAloneAndDelivered()
    {
        Server.Faults.FailItems(item => MessageOf(item) == "busy" ? ItemError.TooManyRequests() : null);
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 10, flushInterval: TimeSpan.FromMilliseconds(200))
                   .CreateLogger())
        {
            logger.Information("warm-up");
            await Server.WaitForDocumentsAsync(1, Patience);
            Server.Faults.FailItems(item => MessageOf(item) == "busy" ? ItemError.TooManyRequests() : null);
            logger.Information("ok-1");
            logger.Information("busy");
            logger.Information("ok-2");
            await Server.WaitForDocumentsAsync(4, Patience);
        }

        var bulk = BulkRequests.Of(Server);
        var last = bulk[^1];
        Assert.That(BulkRequests.Ids(last), Has.Count.EqualTo(1), "only the rejected document is resent");
        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "warm-up", "ok-1", "busy", "ok-2" }));
    }

    [Test]
    public void AnEventThatCannotBecomeADocumentIsReportedNotLost()
    {
        // Serilog itself refuses nothing here; the point is that every admitted event is settled.
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            foreach (var (_, log) in HostileInputs.Cases())
                log(logger);
        }
        TestContext.Out.WriteLine(selfLog.Text);

        var cases = HostileInputs.Cases().Count();
        Assert.That(Server.DocumentCount + fallback.Events.Count, Is.EqualTo(cases));
        Assert.That(Server.DocumentCount, Is.EqualTo(cases), "Elasticsearch (as the fake knows its rules) accepts every hostile document");
    }
}
