using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bulk;

public class BulkPayloadBuilderTests
{
    static (string Body, IReadOnlyList<CapturedEvent> Events, DocumentIdFactory Ids) Build(Action<ILogger> log, string index = "workflow-traces")
    {
        using var probe = DocumentProbe.Create();
        log(probe.Logger);
        var ids = new DocumentIdFactory();
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse(index), probe.Writer, ids);
        builder.Reset();
        foreach (var captured in probe.Captured)
            Assert.That(builder.TryAppend(captured, DateTime.UtcNow), Is.Null);
        return (Encoding.UTF8.GetString(builder.Body.Span), probe.Captured, ids);
    }

    [Test]
    public void TheBodyIsCompactNdjsonWithACreateActionPerDocumentAndATrailingNewline()
    {
        var (body, events, ids) = Build(log =>
        {
            log.Information("first {N}", 1);
            log.Warning("second");
            log.Error("third");
        });

        Assert.That(body, Does.EndWith("\n"));
        var lines = body[..^1].Split('\n');
        Assert.That(lines, Has.Length.EqualTo(6));
        for (var i = 0; i < events.Count; i++)
        {
            using var action = JsonDocument.Parse(lines[2 * i]);
            var create = action.RootElement.GetProperty("create");
            Assert.That(action.RootElement.EnumerateObject().Count(), Is.EqualTo(1));
            Assert.That(create.GetProperty("_index").GetString(), Is.EqualTo("workflow-traces"));
            Assert.That(create.GetProperty("_id").GetString(), Is.EqualTo(ids.Format(events[i].Sequence)));

            using var document = JsonDocument.Parse(lines[2 * i + 1]);
            Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(lines[2 * i + 1], Does.Not.Contain("\": ").And.Not.Contain(", \""), "compact: no indentation or spacing");
        }
    }

    [Test]
    public void DocumentIdsAreUniqueAndStableForAnEvent()
    {
        var (_, events, ids) = Build(log =>
        {
            for (var i = 0; i < 1000; i++)
                log.Information("event {I}", i);
        });
        var formatted = events.Select(e => ids.Format(e.Sequence)).ToList();
        Assert.That(formatted.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(events.Select(e => ids.Format(e.Sequence)), Is.EqualTo(formatted), "the same event always gets the same id");
        Assert.That(new DocumentIdFactory().Format(events[0].Sequence), Is.Not.EqualTo(formatted[0]), "another sink (or process) never reuses an id");
        Assert.That(formatted.All(id => id.Length <= DocumentIdFactory.MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')), Is.True);
    }

    [Test]
    public void NonAsciiTextStaysUtf8AndIsNotEscaped()
    {
        var (body, _, _) = Build(log => log.Information("🚀 Starting {Name}", "données"));
        Assert.That(body, Does.Contain("Starting données"));
        var document = JsonDocument.Parse(body.Split('\n')[1]).RootElement;
        Assert.That(document.GetProperty("message").GetString(), Is.EqualTo("🚀 Starting données"));
    }

    [TestCaseSource(nameof(HostileCaseNames))]
    public void HostileInputStillMakesValidJsonWithoutThrowing(string caseName)
    {
        var (_, log) = HostileInputs.Cases().Single(c => c.Case == caseName);
        var (body, _, _) = Build(log);
        Assert.That(body, Does.EndWith("\n"));
        foreach (var line in body[..^1].Split('\n'))
            Assert.DoesNotThrow(() => JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 }).Dispose(), caseName);
        Assert.That(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(body)), Is.EqualTo(body), "valid UTF-8 round trip");
    }

    static IEnumerable<string> HostileCaseNames() => HostileInputs.Cases().Select(c => c.Case);

    [Test]
    public void ADocumentThatCannotBeWrittenLeavesNoTraceInTheBody()
    {
        using var probe = DocumentProbe.Create();
        probe.Logger.Information("good one");
        probe.Logger.Information("breaks the writer");
        probe.Logger.Information("good two");
        var ids = new DocumentIdFactory();
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse("workflow-traces"), new FailingOnSecondWriter(probe.Writer), ids);
        builder.Reset();
        var captured = probe.Captured;

        Assert.That(builder.TryAppend(captured[0], DateTime.UtcNow), Is.Null);
        var error = builder.TryAppend(captured[1], DateTime.UtcNow);
        Assert.That(builder.TryAppend(captured[2], DateTime.UtcNow), Is.Null);

        // Reported as what could be read of it: an application's exception may throw from Message and ToString.
        Assert.That(error, Is.InstanceOf<DocumentWriteException>());
        Assert.That(error!.Message, Is.EqualTo("InvalidOperationException: the writer broke halfway"));
        Assert.That(builder.Count, Is.EqualTo(2));
        var lines = Encoding.UTF8.GetString(builder.Body.Span).TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.TryGetProperty("message", out var m) ? m.GetString() : null).OfType<string>(),
            Is.EqualTo(new[] { "good one", "good two" }));
    }

    /// <summary>Writes half a document and then fails, as a bug or a hostile value might.</summary>
    sealed class FailingOnSecondWriter(Serilog.Sinks.WorkflowTrace.Mapping.ITraceDocumentWriter inner) : Serilog.Sinks.WorkflowTrace.Mapping.ITraceDocumentWriter
    {
        int _calls;

        public void BeginBatch() => inner.BeginBatch();

        public void Write(Utf8JsonWriter writer, CapturedEvent captured, DateTime createdAtUtc)
        {
            if (++_calls != 2)
            {
                inner.Write(writer, captured, createdAtUtc);
                return;
            }
            writer.WriteStartObject();
            writer.WriteString("half", "written");
            throw new InvalidOperationException("the writer broke halfway");
        }
    }
}
