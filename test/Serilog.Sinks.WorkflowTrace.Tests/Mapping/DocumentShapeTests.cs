using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>
/// A document written from the last one of its kind (<see cref="DocumentShape"/>) must be the very document the
/// writer writes in full. <see cref="DocumentProbe"/> checks that for every document of every mapping test; these
/// tests check that the cache is used where it should be, and only there.
/// </summary>
public class DocumentShapeTests
{
    static ILogger Context(ILogger logger) => logger
        .ForContext("RunId", "run-20300102-5f0c8e2a9b7d4c31")
        .ForContext("WorkflowName", "data-pipeline")
        .ForContext("JobId", "job-0042")
        .ForContext("Attempt", 1)
        .ForContext("Region", "eu-west-1");

    [Test]
    public void ConsecutiveEventsOfAContextLoggerAreWrittenFromTheLastDocumentWithTheirOwnValues()
    {
        using var probe = DocumentProbe.Create();
        var log = Context(probe.Logger);
        object[] values = [1, "quote \" and \\ backslash\nnewline", "é ü 漢字 😀", "", 2.5, 10.0, true, long.MaxValue, -7];
        foreach (var value in values)
            log.Information("Processing {Count} records for {Customer}", value, value);

        var documents = probe.Documents();

        // Every event but the first is written from the one before it, and every event from its own document.
        Assert.That(probe.WrittenFromCache, Is.EqualTo(2 * values.Length - 1));
        for (var i = 0; i < values.Length; i++)
        {
            var metadata = documents[i].GetProperty("metadata");
            Assert.That(documents[i].GetProperty("run_id").GetString(), Is.EqualTo("run-20300102-5f0c8e2a9b7d4c31"));
            Assert.That(metadata.GetProperty("JobId").GetString(), Is.EqualTo("job-0042"));
            if (values[i] is "")
                Assert.That(metadata.TryGetProperty("Customer", out _), Is.False, "an empty value is left out");
            else if (values[i] is double d)
                Assert.That(metadata.GetProperty("Customer").GetDouble(), Is.EqualTo(d));
            else
                Assert.That(metadata.GetProperty("Customer").ToString(), Is.EqualTo(JsonSerializer.SerializeToElement(values[i]).ToString()));
        }
        Assert.That(documents[1].GetProperty("message").GetString(), Does.Contain("backslash\nnewline"));
        Assert.That(documents[2].GetProperty("message").GetString(), Does.Contain("é ü 漢字 😀"));
    }

    static int FromCache(Action<ILogger> logTwice, Action<WorkflowTraceSettingsBuilder>? configure = null)
    {
        using var probe = DocumentProbe.Create(configure);
        logTwice(probe.Logger);
        Assert.That(probe.Documents(), Has.Count.EqualTo(2));
        return probe.WrittenFromCache;
    }

    [Test]
    public void WhatAShapeDoesNotHoldIsWrittenInFull()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FromCache(log => { log.Information("a {N}", 1); log.Information("a {N}", 2); }), Is.EqualTo(3), "the same kind: cached");
            Assert.That(FromCache(log => { log.Information("a {N}", 1); log.Warning("a {N}", 2); }), Is.EqualTo(2), "another level: only each event's own");
            Assert.That(FromCache(log => { log.Information("a {N}", 1); log.Information("b {N}", 2); }), Is.EqualTo(2), "another template: only each event's own");
            Assert.That(FromCache(log => { log.ForContext("X", 1).Information("a"); log.ForContext("X", 2).Information("a"); }), Is.EqualTo(2), "other context properties: only each event's own");
            Assert.That(FromCache(log => { log.Error(new InvalidOperationException("boom"), "a"); log.Error(new InvalidOperationException("boom"), "a"); }), Is.Zero, "an exception");
            Assert.That(FromCache(log => { log.Information("run {RunId}", "r-1"); log.Information("run {RunId}", "r-2"); }), Is.Zero, "an own property filling a contract field");
            Assert.That(FromCache(log => { log.Information("a {@V}", new { X = 1 }); log.Information("a {@V}", new { X = 2 }); }), Is.Zero, "an own structured value");
            Assert.That(FromCache(log => { log.Information("a {N}", 1); log.Information("a {N}", 2); }, b => b.DataStream = true), Is.Zero, "a data stream's @timestamp");
        });
    }

    [Test]
    public void EventsInsideAnActivityAreWrittenInFull()
    {
        using var activity = new Activity("shape-test").Start();
        Assert.That(FromCache(log => { log.Information("a {N}", 1); log.Information("a {N}", 2); }), Is.Zero);
    }

    [Test]
    public void SampledProcessFiguresAreNotReusedFromAnEarlierBatch()
    {
        using var probe = DocumentProbe.Create(b => b.SampleProcessMetrics = true);
        probe.Logger.Information("a {N}", 1);
        probe.Logger.Information("a {N}", 2);
        Assert.That(probe.Documents(), Has.Count.EqualTo(2));
        Assert.That(probe.WrittenFromCache, Is.EqualTo(3), "within a batch the figures are the same");

        probe.Writer.BeginBatch();
        var output = new ArrayBufferWriter<byte>();
        Assert.That(probe.Writer.TryWriteLikeLast(output, probe.Captured[1], probe.CreatedAt), Is.False);
        Assert.That(output.WrittenCount, Is.Zero);
    }

    [Test]
    public void ABulkBodyWrittenWithTheCacheHoldsTheDocumentsOfAWriterWithout()
    {
        using var probe = DocumentProbe.Create();
        var contexts = new[] { Context(probe.Logger), probe.Logger.ForContext("StageName", "load"), probe.Logger };
        for (var i = 0; i < 300; i++)
        {
            var log = contexts[i % 7 % 3];
            switch (i % 5)
            {
                case 0: log.Information("Processing {Count} records for {Customer}", i, i % 2 == 0 ? "acme" : "\"q\" ü"); break;
                case 1: log.Warning("Slow {Elapsed} ms", i * 1.5); break;
                case 2: log.Information("Processing {Count} records for {Customer}", i, ""); break;
                case 3: log.Error(new InvalidOperationException("boom " + i), "Failed {Count}", i); break;
                default: log.Debug("plain"); break;
            }
        }

        var createdAt = probe.CreatedAt;
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse("workflow-traces"), probe.Writer, new DocumentIdFactory());
        builder.Reset();
        foreach (var captured in probe.Captured)
            Assert.That(builder.TryAppend(captured, createdAt), Is.Null);
        var lines = Encoding.UTF8.GetString(builder.Body.Span).TrimEnd('\n').Split('\n');

        var reference = new TraceDocumentWriter(new WorkflowTraceSettingsBuilder().Build(), HostFacts.Current);
        reference.BeginBatch();
        Assert.That(lines, Has.Length.EqualTo(2 * probe.Captured.Count));
        for (var i = 0; i < probe.Captured.Count; i++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, BulkPayloadBuilder.WriterOptions))
                reference.Write(json, probe.Captured[i], createdAt);
            Assert.That(lines[2 * i + 1], Is.EqualTo(Encoding.UTF8.GetString(buffer.WrittenSpan)), $"document {i}");
        }
    }
}
