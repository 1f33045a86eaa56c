using System.Diagnostics;
using System.Runtime.CompilerServices;
using Serilog.Events;
using Serilog.Parsing;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// What the logging call captured of one event, kept by value inside a <see cref="CaptureBlock"/> while the event
/// waits to be sent: the calling thread, the parent span of the current <see cref="Activity"/>, the document id,
/// and a compact copy of the event. A queued event is then no object of its own for the garbage collector to
/// trace and copy from generation to generation: a backlog costs a few large arrays instead of millions of
/// small objects.
/// </summary>
struct CaptureRecord
{
    public DateTimeOffset Timestamp;
    public LogEventLevel Level;
    public int ThreadId;
    public Exception? Exception;
    public MessageTemplate Template;
    /// <summary>Properties shared with the events around it (a context logger's), and the ambient trace's.</summary>
    public CapturedProperty[] Shared;
    // The event's own properties (its message-template holes): up to two inline, numbers and flags unboxed.
    public CapturedProperty Own0, Own1;
    public CapturedProperty[]? OwnOverflow;
    public int OwnCount;
    public ActivityTraceId TraceId;
    public ActivitySpanId SpanId;
    public ActivitySpanId ParentSpanId;
    public long Sequence;

    const int InlineOwn = 2;

    // Per logging thread: a scratch buffer, and the last array of context properties, which the next event of the
    // same context logger shares instead of copying (a backlog of a million events then holds one copy, not a
    // million).
    [ThreadStatic] static CapturedProperty[]? t_scratch;
    [ThreadStatic] static CapturedProperty[]? t_lastShared;
    // And the hole names of the last message template seen, in a buffer kept from template to template.
    [ThreadStatic] static MessageTemplate? t_holesTemplate;
    [ThreadStatic] static string[]? t_holes;
    [ThreadStatic] static int t_holeCount;

    /// <summary>Captures <paramref name="original"/> on the logging thread; the application's event is not modified.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Capture(LogEvent original, int threadId, ActivitySpanId parentSpanId, long sequence, out CaptureRecord record)
    {
        record = default;
        record.Timestamp = original.Timestamp;
        record.Level = original.Level;
        record.Exception = original.Exception;
        record.Template = original.MessageTemplate;
        record.TraceId = original.TraceId ?? default;
        record.SpanId = original.SpanId ?? default;
        record.ThreadId = threadId;
        record.ParentSpanId = parentSpanId;
        record.Sequence = sequence;
        record.Shared = SplitProperties(original, ref record);
        if (AmbientTrace.Current is { } ambient)
            record.Shared = ambient.MergeInto(record.Shared, original.Properties, in record);
    }

    /// <summary>Stores the event's own properties (message-template holes) in the record; returns the shared ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static CapturedProperty[] SplitProperties(LogEvent original, ref CaptureRecord record)
    {
        var count = original.Properties.Count;
        if (count == 0)
            return [];
        var holes = HolesOf(original.MessageTemplate);

        // Serilog keeps an event's properties in a Dictionary: enumerated as one, the enumerator is a struct (no
        // allocation, no interface calls). The common case — the events of one context logger, one after another —
        // is settled in that one pass, without copying anything: the properties that are not the template's holes
        // are the very ones of the last event, in the same order, and the last event's array is shared.
        if (original.Properties is Dictionary<string, LogEventPropertyValue> dictionary
            && t_lastShared is { } last
            && TryShareLast(dictionary, holes, last, ref record))
        {
            return last;
        }

        record.Own0 = record.Own1 = default;
        return SplitIntoNew(original, holes, count, ref record);
    }

    /// <summary>
    /// One pass over the event's properties: the holes go into the record, each other property must be the same
    /// name and value object as the last event's at its place. False, with the record's own properties half
    /// written, as soon as one is not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool TryShareLast(Dictionary<string, LogEventPropertyValue> dictionary, ReadOnlySpan<string> holes, CapturedProperty[] last, ref CaptureRecord record)
    {
        if (dictionary.Count > last.Length + holes.Length)
            return false;
        int own = 0, shared = 0;
        foreach (var (name, value) in dictionary)
        {
            // Holes are found while some are still missing; the names of an event are unique, so once all are
            // found the rest are context properties.
            if (own < holes.Length && IsHole(holes, name))
            {
                switch (own++)
                {
                    case 0:
                        record.Own0 = CapturedProperty.From(name, value).Pack();
                        break;
                    case 1:
                        record.Own1 = CapturedProperty.From(name, value).Pack();
                        break;
                    default:
                        return false;
                }
            }
            else if (shared == last.Length || !last[shared++].IsSameAs(name, value))
            {
                return false;
            }
        }
        if (shared != last.Length)
            return false;
        record.OwnCount = own;
        return true;
    }

    /// <summary>The general case: own properties into the record, the others into a new shared array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static CapturedProperty[] SplitIntoNew(LogEvent original, ReadOnlySpan<string> holes, int count, ref CaptureRecord record)
    {
        var scratch = t_scratch is { } existing && existing.Length >= count ? existing : t_scratch = new CapturedProperty[Math.Max(count, 16)];

        // Message-template holes change from call to call and are the event's own; the rest (enrichers, the log
        // context, ForContext) usually repeat. Own ones fill the scratch from the front, the others from the back.
        int own = 0, shared = 0;
        if (original.Properties is Dictionary<string, LogEventPropertyValue> dictionary)
        {
            foreach (var (name, value) in dictionary)
                Place(CapturedProperty.From(name, value), holes, scratch, count, ref own, ref shared);
        }
        else
        {
            foreach (var (name, value) in original.Properties)
                Place(CapturedProperty.From(name, value), holes, scratch, count, ref own, ref shared);
        }

        record.OwnCount = own;
        if (own > InlineOwn)
        {
            record.OwnOverflow = scratch.AsSpan(0, own).ToArray();
        }
        else
        {
            if (own > 0)
                record.Own0 = scratch[0].Pack();
            if (own > 1)
                record.Own1 = scratch[1].Pack();
        }
        // The scratch buffer lives as long as the thread: it must not keep this event's values alive after it.
        scratch.AsSpan(0, own).Clear();
        if (shared == 0)
            return [];

        var candidates = scratch.AsSpan(count - shared, shared);
        candidates.Reverse();
        var last = t_lastShared;
        if (last is not null && last.Length == shared && SameAs(last, candidates))
        {
            candidates.Clear();
            return last;
        }
        var sharedArray = candidates.ToArray();
        candidates.Clear();
        // Remembered for the next event of this thread, it would stay alive as long as the thread logs nothing else:
        // not with a large value in it.
        t_lastShared = HoldsLargeText(sharedArray) ? null : sharedArray;
        return sharedArray;
    }

    /// <summary>Strings longer than this are not kept past their event by the per-thread memory of the last context.</summary>
    const int LargeText = 1024;

    static bool HoldsLargeText(CapturedProperty[] properties)
    {
        foreach (var property in properties)
        {
            if (property.IsStringLongerThan(LargeText))
                return true;
        }
        return false;
    }

    static void Place(in CapturedProperty property, ReadOnlySpan<string> holes, CapturedProperty[] scratch, int count, ref int own, ref int shared)
    {
        if (IsHole(holes, property.Name))
            scratch[own++] = property;
        else
            scratch[count - 1 - shared++] = property;
    }

    /// <summary>
    /// The distinct names of the template's holes, remembered for the last template seen on this thread; another
    /// template costs a walk of its tokens into the same buffer, no allocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static ReadOnlySpan<string> HolesOf(MessageTemplate template)
    {
        var holes = t_holes ??= new string[8];
        if (ReferenceEquals(t_holesTemplate, template))
            return holes.AsSpan(0, t_holeCount);

        var count = 0;
        var tokens = template.Tokens as MessageTemplateToken[] ?? template.Tokens.ToArray();
        foreach (var token in tokens)
        {
            if (token is not PropertyToken hole || IsHole(holes.AsSpan(0, count), hole.PropertyName))
                continue;
            if (count == holes.Length)
            {
                Array.Resize(ref holes, count * 2);
                t_holes = holes;
            }
            holes[count++] = hole.PropertyName;
        }
        t_holeCount = count;
        t_holesTemplate = template;
        return holes.AsSpan(0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool IsHole(ReadOnlySpan<string> holes, string name)
    {
        foreach (var hole in holes)
        {
            if (ReferenceEquals(hole, name) || hole == name)
                return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool SameAs(CapturedProperty[] last, ReadOnlySpan<CapturedProperty> candidates)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (!last[i].IsSameAs(candidates[i]))
                return false;
        }
        return true;
    }
}
