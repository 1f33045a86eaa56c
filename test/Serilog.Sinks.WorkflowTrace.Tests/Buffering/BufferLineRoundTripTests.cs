using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

/// <summary>A line the buffer writes for a captured event is read back as the same event, and a line that is not one is refused.</summary>
public class BufferLineRoundTripTests
{
    static CapturedEvent Captured(LogEvent logEvent, int thread = 7, ActivitySpanId parent = default)
    {
        CaptureRecord.Capture(logEvent, thread, parent, 42, out var record);
        return new CapturedEvent(in record);
    }

    static byte[] Line(CapturedEvent captured)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
            BufferLineFormatter.Write("doc-1"u8, captured, writer);
        return output.WrittenSpan.ToArray();
    }

    static CapturedEvent ReadBack(byte[] line)
    {
        new BufferLineReader().Read(line, out var record);
        return new CapturedEvent(in record);
    }

    [Test]
    public void WhatTheLoggingCallKnewComesBackFromTheLine()
    {
        var parent = ActivitySpanId.CreateRandom();
        var trace = ActivityTraceId.CreateRandom();
        var span = ActivitySpanId.CreateRandom();
        var original = Some.ErrorEvent("Order {OrderId} for {Customer} failed", 42, "acme");
        var logEvent = new LogEvent(original.Timestamp, original.Level, original.Exception, original.MessageTemplate,
            original.Properties.Select(p => new LogEventProperty(p.Key, p.Value)).Append(new LogEventProperty("@odd", new ScalarValue("at"))), trace, span);

        var back = ReadBack(Line(Captured(logEvent, thread: 31, parent)));

        Assert.Multiple(() =>
        {
            Assert.That(back.Timestamp, Is.EqualTo(logEvent.Timestamp));
            Assert.That(back.Level, Is.EqualTo(LogEventLevel.Error));
            Assert.That(back.Template.Text, Is.EqualTo("Order {OrderId} for {Customer} failed"));
            Assert.That(back.ThreadId, Is.EqualTo(31));
            Assert.That(back.ParentSpanId, Is.EqualTo(parent));
            Assert.That(back.TraceId, Is.EqualTo(trace));
            Assert.That(back.SpanId, Is.EqualTo(span));
            Assert.That(back.Exception!.Message, Is.EqualTo(logEvent.Exception!.Message));
            Assert.That(back.Exception.ToString(), Is.EqualTo(logEvent.Exception.ToString()));
            Assert.That(((Serilog.Sinks.WorkflowTrace.Mapping.IRecordedException)back.Exception).TypeName, Is.EqualTo(logEvent.Exception.GetType().FullName));
            Assert.That(back.Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new (string, object?)[] { ("OrderId", 42L), ("Customer", "acme") }), "the template's holes are the event's own");
            Assert.That(back.Shared.Select(p => (p.Name, p.Scalar)), Is.EqualTo(new (string, object?)[] { ("@odd", "at") }));
        });
    }

    [Test]
    public void AnInformationEventLeavesOutItsLevelAndComesBackAsInformation()
    {
        var line = Line(Captured(Some.InformationEvent("plain")));

        Assert.That(Encoding.UTF8.GetString(line), Does.Not.Contain("\"@l\""));
        Assert.That(ReadBack(line).Level, Is.EqualTo(LogEventLevel.Information));
    }

    [TestCase("not json at all")]
    [TestCase("[1,2]")]
    [TestCase("{\"@wt_id\":\"x\",\"@mt\":\"no time\"}")]
    [TestCase("{\"@wt_id\":\"x\",\"@t\":\"2026-12-05T00:00:00Z\",\"@l\":\"Loud\"}")]
    [TestCase("{\"@wt_id\":\"x\",\"@t\":\"2026-12-05T00:00:00Z\",\"@mt\":\"x\"} trailing")]
    [TestCase("{\"@wt_id\":\"x\",\"@t\":\"2026-12-05T00:00:00Z\",\"@mt\":\"x\",\"@tr\":\"short\"}")]
    [TestCase("{\"@wt_id\":\"x\",\"@t\":\"2026-12-05T00:00:00Z\",\"@mt\":\"x\",\"Cut\":")]
    public void ALineThatIsNotAnEventIsRefusedSayingWhy(string line)
    {
        var refused = Assert.Throws<FormatException>(() => new BufferLineReader().Read(Encoding.UTF8.GetBytes(line), out _));
        Assert.That(refused!.Message, Is.Not.Empty);
    }

    [Test]
    public void AContextLoggersEventsShareTheirContextAgainAsTheyDidWhenLogged()
    {
        var reader = new BufferLineReader();
        LogEvent Event(int step)
        {
            var logEvent = Some.InformationEvent("step {Step}", step);
            logEvent.AddOrUpdateProperty(new LogEventProperty("RunId", new ScalarValue("run-" + 7)));
            logEvent.AddOrUpdateProperty(new LogEventProperty("Attempt", new ScalarValue(2)));
            return logEvent;
        }
        reader.Read(Line(Captured(Event(1))), out var first);
        reader.Read(Line(Captured(Event(2))), out var second);

        Assert.That(second.Shared, Is.SameAs(first.Shared), "the same context: one array, as the document writer's shape cache wants");
        Assert.That(second.Template, Is.SameAs(first.Template));
        Assert.That(second.Own0.Name, Is.SameAs(first.Own0.Name));
        Assert.That(second.OwnCount, Is.EqualTo(1));
    }
}
