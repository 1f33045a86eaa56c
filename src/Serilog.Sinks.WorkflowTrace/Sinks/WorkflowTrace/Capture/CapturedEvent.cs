using System.Diagnostics;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// An event as the sink keeps it while it waits to be sent: what the logging call alone can know (the calling
/// thread, the parent span of the current <see cref="Activity"/>, the document id) plus a compact copy of the
/// event — its properties in a flat array — so that a backlog of queued events costs a fraction of the
/// application's <see cref="LogEvent"/>s, which become garbage at once.
/// </summary>
/// <remarks>
/// It travels through Serilog's batching sink inside an envelope <see cref="LogEvent"/>, as that envelope's
/// message template: the one reference slot of a <see cref="LogEvent"/> that needs no per-event dictionary. The
/// application's own event is never modified, so other sinks see nothing of this.
/// </remarks>
sealed class CapturedEvent : MessageTemplate
{
    /// <summary>Every envelope shares this empty, never-modified property dictionary.</summary>
    static readonly Dictionary<string, LogEventPropertyValue> NoProperties = new(0);

    const int Pending = 0, Delivered = 1, Failed = 2;
    int _state;

    CapturedEvent(LogEvent original, int threadId, ActivitySpanId parentSpanId, long sequence)
        : base("", [])
    {
        Timestamp = original.Timestamp;
        Level = original.Level;
        Exception = original.Exception;
        Template = original.MessageTemplate;
        TraceId = original.TraceId ?? default;
        SpanId = original.SpanId ?? default;
        ThreadId = threadId;
        ParentSpanId = parentSpanId;
        Sequence = sequence;

        var properties = new CapturedProperty[original.Properties.Count];
        var i = 0;
        foreach (var (name, value) in original.Properties)
            properties[i++] = CapturedProperty.From(name, value);
        Properties = properties;
    }

    public DateTimeOffset Timestamp { get; }
    public LogEventLevel Level { get; }
    public Exception? Exception { get; }

    /// <summary>The application's message template.</summary>
    public MessageTemplate Template { get; }

    public CapturedProperty[] Properties { get; }
    public ActivityTraceId TraceId { get; }
    public ActivitySpanId SpanId { get; }

    /// <summary>Managed id of the thread that made the logging call.</summary>
    public int ThreadId { get; }

    /// <summary>Parent span of <see cref="Activity.Current"/> at the logging call; default when there was none.</summary>
    public ActivitySpanId ParentSpanId { get; }

    /// <summary>Per-sink sequence number from which the document id is formed; fixed for every resend.</summary>
    public long Sequence { get; }

    /// <summary>True while the event is neither delivered nor reported as failed.</summary>
    public bool IsPending => Volatile.Read(ref _state) == Pending;

    /// <summary>Marks the event delivered. Returns false when it had already been settled.</summary>
    public bool TryMarkDelivered() => Interlocked.CompareExchange(ref _state, Delivered, Pending) == Pending;

    /// <summary>Marks the event failed (reported). Returns false when it had already been settled.</summary>
    public bool TryMarkFailed() => Interlocked.CompareExchange(ref _state, Failed, Pending) == Pending;

    /// <summary>Captures an event on the logging thread and wraps it in the envelope Serilog's batching carries.</summary>
    public static LogEvent Envelop(LogEvent original, int threadId, ActivitySpanId parentSpanId, long sequence)
    {
        var captured = new CapturedEvent(original, threadId, parentSpanId, sequence);
        return LogEvent.UnstableAssembleFromParts(original.Timestamp, original.Level, null, captured, NoProperties, default, default);
    }

    /// <summary>Finds the capture carried by an envelope event, or null for any other event.</summary>
    public static CapturedEvent? From(LogEvent logEvent) => logEvent.MessageTemplate as CapturedEvent;

    /// <summary>The event as the application logged it, rebuilt for failure listeners (rarely needed).</summary>
    public LogEvent ToLogEvent()
    {
        var properties = new Dictionary<string, LogEventPropertyValue>(Properties.Length);
        foreach (var property in Properties)
            properties[property.Name] = property.ToValue();
        return LogEvent.UnstableAssembleFromParts(Timestamp, Level, Exception, Template, properties, TraceId, SpanId);
    }
}
