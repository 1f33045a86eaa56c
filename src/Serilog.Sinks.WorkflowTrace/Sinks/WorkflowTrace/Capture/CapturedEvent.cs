using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// An event as the delivery code works with it: what the logging call alone could know (the calling thread, the
/// parent span of the current <see cref="Activity"/>, the document id), a compact copy of the event — its
/// properties in a flat array — and its delivery state. Made on the delivery loop from the
/// <see cref="CaptureRecord"/> the logging call stored, when the event's batch is read; it lives as long as that
/// batch is being delivered, and is then used again for a later event (<see cref="CaptureQueue.Recycle"/>).
/// </summary>
sealed class CapturedEvent
{
    const int Pending = 0, Delivered = 1, Failed = 2;
    int _state;

    // The event's own properties: up to two (nearly every message template) kept inline, more in an array.
    OwnProperties _own;
    CapturedProperty[]? _ownOverflow;
    int _ownCount;

    [InlineArray(2)]
    struct OwnProperties
    {
#pragma warning disable IDE0044, IDE0051 // the inline array's element: written and read through the array
        CapturedProperty _element;
#pragma warning restore IDE0044, IDE0051
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CapturedEvent(in CaptureRecord record) => Reset(in record);

    /// <summary>
    /// Makes this object the event <paramref name="record"/> holds, pending and never sent, forgetting the event it
    /// stood for before. Only for an object nothing refers to any more: see <see cref="CaptureQueue.Recycle"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [MemberNotNull(nameof(Shared), nameof(Template))]
    public void Reset(in CaptureRecord record)
    {
        _state = Pending;
        DocumentId = null;
        FromBuffer = false;
        DegradedReason = null;
        TruncateTo = null;
        Sends = 0;
        Timestamp = record.Timestamp;
        Level = record.Level;
        Exception = record.Exception;
        Template = record.Template;
        TraceId = record.TraceId;
        SpanId = record.SpanId;
        ThreadId = record.ThreadId;
        ParentSpanId = record.ParentSpanId;
        Sequence = record.Sequence;
        Shared = record.Shared ?? [];
        _ownCount = record.OwnCount;
        _ownOverflow = record.OwnOverflow;
        if (_ownOverflow is null)
        {
            _own[0] = record.Own0;
            _own[1] = record.Own1;
        }
        else
        {
            _own = default;
        }
    }

    /// <summary>
    /// Lets go of everything the event refers to (its exception, template and properties) once it is settled and
    /// kept for reuse: a pooled object must not keep a delivered event's values alive until it is used again.
    /// </summary>
    public void Release()
    {
        Exception = null;
        Template = MessageTemplate.Empty;
        Shared = [];
        _own = default;
        _ownOverflow = null;
        _ownCount = 0;
        DegradedReason = null;
    }

    /// <summary>The event's own properties (its message-template holes).</summary>
    public ReadOnlySpan<CapturedProperty> Own
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _ownOverflow ?? ((ReadOnlySpan<CapturedProperty>)_own)[.._ownCount];
    }

    /// <summary>How many own properties the event has.</summary>
    public int OwnCount => _ownCount;

    /// <summary>Properties the event shares with the events around it, and those of the ambient trace (never modified).</summary>
    public CapturedProperty[] Shared { get; private set; }

    public int PropertyCount => _ownCount + Shared.Length;

    public DateTimeOffset Timestamp { get; private set; }
    public LogEventLevel Level { get; private set; }
    public Exception? Exception { get; private set; }

    /// <summary>The application's message template.</summary>
    public MessageTemplate Template { get; private set; }

    public ActivityTraceId TraceId { get; private set; }
    public ActivitySpanId SpanId { get; private set; }

    /// <summary>Managed id of the thread that made the logging call.</summary>
    public int ThreadId { get; private set; }

    /// <summary>Parent span of <see cref="Activity.Current"/> at the logging call; default when there was none.</summary>
    public ActivitySpanId ParentSpanId { get; private set; }

    /// <summary>Per-sink sequence number from which the document id is formed; fixed for every resend.</summary>
    public long Sequence { get; private set; }

    /// <summary>
    /// The document id when it was not formed from <see cref="Sequence"/> by this sink: an event read back from the
    /// durable buffer carries the id it was given when it was logged, by this process or an earlier one.
    /// </summary>
    public string? DocumentId { get; set; }

    /// <summary>True for an event read back from the durable buffer's files (it stays there until acknowledged).</summary>
    public bool FromBuffer { get; set; }

    /// <summary>
    /// Set once Elasticsearch rejected the document for its content: from then on it is sent in the degraded form
    /// (its content kept as a JSON string), with this reason. Used by the batch thread only.
    /// </summary>
    public string? DegradedReason { get; set; }

    /// <summary>Set when the document must be cut to at most this many bytes (a 413 for it alone). Batch thread only.</summary>
    public int? TruncateTo { get; set; }

    /// <summary>How many requests carried the document so far. Batch thread only.</summary>
    public int Sends { get; set; }

    /// <summary>True while the event is neither delivered nor reported as failed.</summary>
    public bool IsPending => Volatile.Read(ref _state) == Pending;

    /// <summary>Marks the event delivered. Returns false when it had already been settled.</summary>
    public bool TryMarkDelivered() => Interlocked.CompareExchange(ref _state, Delivered, Pending) == Pending;

    /// <summary>Marks the event failed (reported). Returns false when it had already been settled.</summary>
    public bool TryMarkFailed() => Interlocked.CompareExchange(ref _state, Failed, Pending) == Pending;

    /// <summary>The event as the application logged it, rebuilt for failure listeners (rarely needed).</summary>
    public LogEvent ToLogEvent()
    {
        var properties = new Dictionary<string, LogEventPropertyValue>(PropertyCount);
        foreach (var property in Own)
            properties[property.Name] = property.ToValue();
        foreach (var property in Shared)
            properties[property.Name] = property.ToValue();
        return LogEvent.UnstableAssembleFromParts(Timestamp, Level, Exception, Template, properties, TraceId, SpanId);
    }
}
