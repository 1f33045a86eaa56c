using System.Diagnostics;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// What must be known about an event at the moment of the logging call — the calling thread, the parent span of
/// the current <see cref="Activity"/> and the document id — carried from the logging thread to the background
/// batch. It travels as the only property of a private envelope event, so the application's event, which other
/// sinks also receive, is never modified.
/// </summary>
sealed class CapturedEvent : LogEventPropertyValue
{
    /// <summary>The envelope's only property. Not a valid template hole name, so it cannot clash with user properties.</summary>
    public const string PropertyName = "$workflow-trace";

    const int Pending = 0, Delivered = 1, Failed = 2;
    int _state;

    public CapturedEvent(LogEvent original, int threadId, ActivitySpanId parentSpanId, long sequence)
    {
        Original = original;
        ThreadId = threadId;
        ParentSpanId = parentSpanId;
        Sequence = sequence;
    }

    /// <summary>The event as the application logged it.</summary>
    public LogEvent Original { get; }

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

    /// <inheritdoc />
    public override void Render(TextWriter output, string? format = null, IFormatProvider? formatProvider = null) =>
        output.Write("(captured call site)");

    /// <summary>Finds the capture carried by an envelope event, or null for any other event.</summary>
    public static CapturedEvent? From(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(PropertyName, out var value) ? value as CapturedEvent : null;
}
