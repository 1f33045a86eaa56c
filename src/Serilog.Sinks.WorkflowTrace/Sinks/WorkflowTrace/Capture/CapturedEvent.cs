using System.Diagnostics;
using System.Runtime.CompilerServices;
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
        Template = original.MessageTemplate;
        ThreadId = threadId;
        ParentSpanId = parentSpanId;
        Sequence = sequence;

        Shared = SplitProperties(original, ref _own, out _ownCount, out _ownOverflow);
        if (AmbientTrace.Current is { } ambient)
            Shared = ambient.MergeInto(Shared, original.Properties);
    }

    /// <summary>
    /// The envelope Serilog's batching carries: it holds what a <see cref="LogEvent"/> holds anyway (timestamp,
    /// level, exception, trace and span ids), so the capture does not keep a second copy.
    /// </summary>
    LogEvent _envelope = null!;

    // The event's own properties: up to two (nearly every message template) kept inline, more in an array.
    OwnProperties _own;
    readonly CapturedProperty[]? _ownOverflow;
    readonly int _ownCount;

    [InlineArray(2)]
    struct OwnProperties
    {
#pragma warning disable IDE0044, IDE0051 // the inline array's element: written and read through the array
        CapturedProperty _element;
#pragma warning restore IDE0044, IDE0051
    }

    // Per logging thread: a scratch buffer, and the last array of context properties, which the next event of the
    // same context logger shares instead of copying (a backlog of a million events then holds one copy, not a
    // million: less memory, far less work for the garbage collector).
    [ThreadStatic] static CapturedProperty[]? t_scratch;
    [ThreadStatic] static CapturedProperty[]? t_lastShared;

    /// <summary>Splits the event's properties: its own ones (message-template holes) into <paramref name="inline"/> or
    /// <paramref name="overflow"/>; the shared ones are returned.</summary>
    static CapturedProperty[] SplitProperties(LogEvent original, ref OwnProperties inline, out int ownCount, out CapturedProperty[]? overflow)
    {
        overflow = null;
        ownCount = 0;
        var count = original.Properties.Count;
        if (count == 0)
            return [];
        var scratch = t_scratch is { } existing && existing.Length >= count ? existing : t_scratch = new CapturedProperty[Math.Max(count, 16)];

        // Message-template holes change from call to call and are the event's own; the rest (enrichers, the log
        // context, ForContext) usually repeat. Own ones fill the scratch from the front, the others from the back.
        var tokens = original.MessageTemplate.Tokens as Serilog.Parsing.MessageTemplateToken[] ?? original.MessageTemplate.Tokens.ToArray();
        int own = 0, shared = 0;
        // Serilog keeps an event's properties in a Dictionary: enumerated as one, the enumerator is a struct (no
        // allocation, no interface calls); any other dictionary is enumerated through the interface.
        if (original.Properties is Dictionary<string, LogEventPropertyValue> dictionary)
        {
            foreach (var (name, value) in dictionary)
                Place(CapturedProperty.From(name, value));
        }
        else
        {
            foreach (var (name, value) in original.Properties)
                Place(CapturedProperty.From(name, value));
        }

        void Place(in CapturedProperty property)
        {
            if (IsTemplateHole(tokens, property.Name))
                scratch[own++] = property;
            else
                scratch[count - 1 - shared++] = property;
        }

        ownCount = own;
        if (own > InlineOwn)
            overflow = scratch.AsSpan(0, own).ToArray();
        else
            scratch.AsSpan(0, own).CopyTo(inline);
        if (shared == 0)
            return [];

        var candidates = scratch.AsSpan(own, shared);
        candidates.Reverse();
        var last = t_lastShared;
        if (last is not null && last.Length == shared && SameAs(last, candidates))
            return last;
        var sharedArray = candidates.ToArray();
        t_lastShared = sharedArray;
        return sharedArray;
    }

    const int InlineOwn = 2;

    static bool IsTemplateHole(Serilog.Parsing.MessageTemplateToken[] tokens, string name)
    {
        foreach (var token in tokens)
        {
            if (token is Serilog.Parsing.PropertyToken hole && (ReferenceEquals(hole.PropertyName, name) || hole.PropertyName == name))
                return true;
        }
        return false;
    }

    static bool SameAs(CapturedProperty[] last, ReadOnlySpan<CapturedProperty> candidates)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (!last[i].IsSameAs(candidates[i]))
                return false;
        }
        return true;
    }

    /// <summary>The event's own properties (its message-template holes).</summary>
    public ReadOnlySpan<CapturedProperty> Own => _ownOverflow ?? ((ReadOnlySpan<CapturedProperty>)_own)[.._ownCount];

    /// <summary>How many own properties the event has.</summary>
    public int OwnCount => _ownCount;

    /// <summary>Properties the event shares with the events around it, and those of the ambient trace (never modified).</summary>
    public CapturedProperty[] Shared { get; }

    public int PropertyCount => _ownCount + Shared.Length;


    public DateTimeOffset Timestamp => _envelope.Timestamp;
    public LogEventLevel Level => _envelope.Level;
    public Exception? Exception => _envelope.Exception;

    /// <summary>The application's message template.</summary>
    public MessageTemplate Template { get; }

    public ActivityTraceId TraceId => _envelope.TraceId ?? default;
    public ActivitySpanId SpanId => _envelope.SpanId ?? default;

    /// <summary>Managed id of the thread that made the logging call.</summary>
    public int ThreadId { get; }

    /// <summary>Parent span of <see cref="Activity.Current"/> at the logging call; default when there was none.</summary>
    public ActivitySpanId ParentSpanId { get; }

    /// <summary>Per-sink sequence number from which the document id is formed; fixed for every resend.</summary>
    public long Sequence { get; }

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

    /// <summary>Captures an event on the logging thread and wraps it in the envelope Serilog's batching carries.</summary>
    public static LogEvent Envelop(LogEvent original, int threadId, ActivitySpanId parentSpanId, long sequence)
    {
        var captured = new CapturedEvent(original, threadId, parentSpanId, sequence);
        var envelope = LogEvent.UnstableAssembleFromParts(original.Timestamp, original.Level, original.Exception, captured, NoProperties,
            original.TraceId ?? default, original.SpanId ?? default);
        captured._envelope = envelope;
        return envelope;
    }

    /// <summary>Finds the capture carried by an envelope event, or null for any other event.</summary>
    public static CapturedEvent? From(LogEvent logEvent) => logEvent.MessageTemplate as CapturedEvent;

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
