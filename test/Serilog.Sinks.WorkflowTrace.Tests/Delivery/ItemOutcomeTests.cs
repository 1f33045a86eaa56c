using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>Each document's fate is read from its own item of the bulk response; no failure goes unheard.</summary>
public class ItemOutcomeTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    FakeElasticsearch _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await FakeElasticsearch.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    static string MessageOf(BulkItemContext item) =>
        item.Document.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "";

    [Test]
    public void AMappingErrorOnOneDocumentIsReportedWithTypeAndReasonAndTheOthersAreDelivered()
    {
        _server.ItemRule = item => MessageOf(item) == "bad" ? ItemError.MappingError("metadata.Attempt") : null;
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: _server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("good");
            logger.Information("bad");
            logger.Information("fine");
        }

        Assert.That(_server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "good", "fine" }));

        var failed = fallback.Events.Single();
        Assert.That(failed.MessageTemplate.Text, Is.EqualTo("bad"), "the failure listener gets the application's own event");
        Assert.That(CapturedEvent.From(failed), Is.Null, "not the sink's envelope");

        Assert.That(selfLog.Text, Does.Contain("status 400").And.Contain("document_parsing_exception").And.Contain("metadata.Attempt"));
    }

    [Test]
    public void TheFailureListenerIsToldThePermanentFailureWithTheReason()
    {
        _server.ItemRule = item => MessageOf(item) == "bad" ? ItemError.MappingError("metadata.Attempt") : null;
        var listener = new RecordingFailureListener();
        var settings = new Serilog.Sinks.WorkflowTrace.Configuration.WorkflowTraceSettingsBuilder { Hosts = _server.Url.ToString() }.Build();
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
        _server.Faults.FailItems(_ => ItemError.VersionConflict());
        var listener = new RecordingFailureListener();
        var settings = new Serilog.Sinks.WorkflowTrace.Configuration.WorkflowTraceSettingsBuilder { Hosts = _server.Url.ToString() }.Build();
        var sink = WorkflowTraceSinkFactory.Create(settings);
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
            logger.Information("already there");

        Assert.That(listener.Failures, Is.Empty, "409 is the answer to a resend of a document that arrived");
        Assert.That(BulkRequests.Of(_server), Has.Count.EqualTo(1), "and it is not sent again");
    }

    [Test]
    public async Task ATooManyRequestsItemIsSentAgainAloneAndDelivered()
    {
        _server.Faults.FailItems(item => MessageOf(item) == "busy" ? ItemError.TooManyRequests() : null);
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: _server.Url.ToString(), bufferSize: 10, flushInterval: TimeSpan.FromMilliseconds(200))
                   .CreateLogger())
        {
            logger.Information("warm-up");
            await _server.WaitForDocumentsAsync(1, Patience);
            _server.Faults.FailItems(item => MessageOf(item) == "busy" ? ItemError.TooManyRequests() : null);
            logger.Information("ok-1");
            logger.Information("busy");
            logger.Information("ok-2");
            await _server.WaitForDocumentsAsync(4, Patience);
        }

        var bulk = BulkRequests.Of(_server);
        var last = bulk[^1];
        Assert.That(BulkRequests.Ids(last), Has.Count.EqualTo(1), "only the rejected document is resent");
        Assert.That(_server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "warm-up", "ok-1", "busy", "ok-2" }));
    }

    [Test]
    public void AnEventThatCannotBecomeADocumentIsReportedNotLost()
    {
        // Serilog itself refuses nothing here; the point is that every admitted event is settled.
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: _server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            foreach (var (_, log) in HostileInputs.Cases())
                log(logger);
        }
        TestContext.Out.WriteLine(selfLog.Text);

        var cases = HostileInputs.Cases().Count();
        Assert.That(_server.DocumentCount + fallback.Events.Count, Is.EqualTo(cases));
        Assert.That(_server.DocumentCount, Is.EqualTo(cases), "Elasticsearch (as the fake knows its rules) accepts every hostile document");
    }
}
