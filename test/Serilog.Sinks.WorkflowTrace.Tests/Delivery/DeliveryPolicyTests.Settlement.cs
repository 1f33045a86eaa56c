using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Item settlement and 413 splitting below HTTP: each document is settled by its own item of the bulk answer, and a
/// request too large for the server is halved, or its one document cut, until it fits or is reported.
/// </summary>
public partial class DeliveryPolicyTests
{
    /// <summary>
    /// Answers each document by the rule whose tag its text holds: <c>First</c> the first time it is sent, <c>Later</c>
    /// after that (201 for a document no rule names); records every request's documents.
    /// </summary>
    sealed class ItemScript(params (string Tag, int First, int Later)[] rules)
    {
        readonly List<IReadOnlyList<string>> _requests = [];

        public IReadOnlyList<IReadOnlyList<string>> Requests
        {
            get { lock (_requests) return _requests.ToList(); }
        }

        /// <summary>How many times a document holding <paramref name="tag"/> was sent (a degraded one holds it in its content).</summary>
        public int Sent(string tag) => Requests.Sum(r => r.Count(d => d.Contains(tag, StringComparison.Ordinal)));

        public ScriptedTransport Transport() => new()
        {
            Bulk = (request, _, _) =>
            {
                var documents = ScriptedTransport.Documents(request);
                var statuses = documents.Select(d => rules.FirstOrDefault(r => d.Contains(r.Tag, StringComparison.Ordinal)) is { Tag: not null } rule
                    ? Sent(rule.Tag) == 0 ? rule.First : rule.Later
                    : 201).ToList();
                lock (_requests)
                    _requests.Add(documents);
                return Task.FromResult(ScriptedTransport.Items(statuses));
            },
        };
    }

    [Test]
    public async Task EachDocumentIsSettledByItsOwnItemDeliveredResentAloneOrSentDegraded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var created = Some.InformationEvent("created-201");
        var conflict = Some.InformationEvent("conflict-409");
        var throttled = Some.InformationEvent("throttled-429");
        var unmappable = Some.InformationEvent("unmappable-400");
        var script = new ItemScript(("conflict-409", 409, 201), ("throttled-429", 429, 201), ("unmappable-400", 400, 201));
        var (sink, logger, listener) = SinkAndLogger(script.Transport(), time, b =>
        {
            b.BufferSize = 4;
            b.MaxRetries = 3;
        });

        foreach (var logEvent in new[] { created, conflict, throttled, unmappable })
            sink.Emit(logEvent);
        await AdvanceUntil(time, () => script.Sent("throttled-429") == 2 && script.Sent("unmappable-400") == 2);

        Assert.Multiple(() =>
        {
            Assert.That(script.Sent("created-201"), Is.EqualTo(1), "201: delivered");
            Assert.That(script.Sent("conflict-409"), Is.EqualTo(1), "409 on create: our id is already there, so delivered");
            Assert.That(script.Sent("throttled-429"), Is.EqualTo(2), "429: resent");
            Assert.That(script.Requests.Last(r => r.Any(d => d.Contains("throttled-429", StringComparison.Ordinal))), Has.Count.EqualTo(1), "alone");
            Assert.That(script.Sent("unmappable-400"), Is.EqualTo(2), "400: sent once more");
            Assert.That(script.Requests.Last(r => r.Any(d => d.Contains("unmappable-400", StringComparison.Ordinal))).Single(),
                Does.Contain(DocumentReshaper.DegradedContentField), "in its degraded form");
            Assert.That(listener.Failures, Is.Empty, "nothing reported: every document was settled as delivered");
        });
        logger.Dispose();
    }

    [Test]
    public async Task ADocumentRefusedAgainInItsDegradedFormOrRefusedForAnotherReasonIsReportedWithTheReason()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var unmappable = Some.InformationEvent("unmappable-always");
        var forbidden = Some.InformationEvent("forbidden-403");
        var fine = Some.InformationEvent("fine-201");
        var script = new ItemScript(("unmappable-always", 400, 400), ("forbidden-403", 403, 403));
        var (sink, logger, listener) = SinkAndLogger(script.Transport(), time, b => b.BufferSize = 3);

        foreach (var logEvent in new[] { unmappable, forbidden, fine })
            sink.Emit(logEvent);
        await AdvanceUntil(time, () => listener.Failures.Count(f => f.Kind == LoggingFailureKind.Permanent) == 2);

        var reported = listener.Failures.Where(f => f.Kind == LoggingFailureKind.Permanent).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(script.Sent("unmappable-always"), Is.EqualTo(2), "sent as it was, then degraded, then given up");
            Assert.That(script.Sent("forbidden-403"), Is.EqualTo(1), "403 is not tried again");
            Assert.That(script.Sent("fine-201"), Is.EqualTo(1));
            Assert.That(reported.Single(f => f.Events.Single().MessageTemplate.Text == unmappable.MessageTemplate.Text).Message,
                Does.Contain("then its degraded form too").And.Contain("mapper_parsing_exception"));
            Assert.That(reported.Single(f => f.Events.Single().MessageTemplate.Text == forbidden.MessageTemplate.Text).Message,
                Does.Contain("403").And.Contain("create_doc"), "the reason and the privilege to grant");
            Assert.That(listener.Failures, Has.Count.EqualTo(2), "the delivered one is not reported");
        });
        logger.Dispose();
    }

    [Test]
    public async Task ARequestAnswered413IsSplitInHalvesUntilItFitsAndEveryDocumentArrivesOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var accepted = new List<string>();
        var refusedSizes = new List<int>();
        var transport = new ScriptedTransport
        {
            Bulk = (request, _, _) =>
            {
                var documents = ScriptedTransport.Documents(request);
                lock (accepted)
                {
                    if (documents.Count > 2)
                    {
                        refusedSizes.Add(documents.Count);
                        return Task.FromResult(new TransportResponse(413, "<html>413 Request Entity Too Large</html>"u8.ToArray(), "text/html", new Uri("http://scripted:9200/")));
                    }
                    accepted.AddRange(documents);
                }
                return ScriptedTransport.Accept(request);
            },
        };
        var (sink, logger, listener) = SinkAndLogger(transport, time, b => b.BufferSize = 8);
        var events = Some.InformationEvents(8);

        // The sink's very first event goes out alone at once: it is sent first, so that the eight below make one
        // full batch whatever the loop's timing (otherwise the loop could take the first of them alone).
        sink.Emit(Some.InformationEvent("warm-up"));
        await AdvanceUntil(time, () => { lock (accepted) return accepted.Count >= 1; });
        foreach (var logEvent in events)
            sink.Emit(logEvent);
        await AdvanceUntil(time, () => { lock (accepted) return accepted.Count >= 9; });

        lock (accepted)
        {
            Assert.Multiple(() =>
            {
                // The text in quotes: "information-1" is also the start of "information-12".
                foreach (var logEvent in events)
                    Assert.That(accepted.Count(d => d.Contains($"\"{logEvent.MessageTemplate.Text}\"", StringComparison.Ordinal)), Is.EqualTo(1), logEvent.MessageTemplate.Text);
                Assert.That(refusedSizes, Is.Not.Empty, "the server refused the larger requests");
                Assert.That(refusedSizes, Is.EqualTo(new[] { 8, 4, 4 }), "each refusal halved the request");
                Assert.That(listener.Failures, Is.Empty);
            });
        }
        logger.Dispose();
    }

    [Test]
    public async Task ADocumentTooLargeEvenCutSmallIsReportedNamingTheServerLimit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sizes = new List<int>();
        var transport = new ScriptedTransport
        {
            Bulk = (request, _, _) =>
            {
                lock (sizes)
                    sizes.Add(request.Body.Length);
                return Task.FromResult(ScriptedTransport.Status(413, """{"error":{"type":"content_too_long_exception","reason":"request too large"},"status":413}"""));
            },
        };
        var (sink, logger, listener) = SinkAndLogger(transport, time, b => b.BufferSize = 1);
        var large = Some.InformationEvent("large {Text}", new string('x', 64 * 1024));

        sink.Emit(large);
        await AdvanceUntil(time, () => listener.Failures.Any(f => f.Kind == LoggingFailureKind.Permanent));

        var reported = listener.Failures.Single(f => f.Kind == LoggingFailureKind.Permanent);
        Assert.Multiple(() =>
        {
            Assert.That(reported.Events.Single().MessageTemplate.Text, Is.EqualTo(large.MessageTemplate.Text));
            Assert.That(reported.Message, Does.Contain("413").And.Contain("http.max_content_length"));
            lock (sizes)
            {
                Assert.That(sizes, Has.Count.GreaterThan(2), "cut several times before giving up");
                Assert.That(sizes, Is.Ordered.Descending, "each attempt smaller than the last");
            }
        });
        logger.Dispose();
    }
}
