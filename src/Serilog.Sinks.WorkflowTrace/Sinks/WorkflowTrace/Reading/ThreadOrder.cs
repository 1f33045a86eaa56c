using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Puts entries that share a millisecond back in the order their threads logged them. Elasticsearch stores
/// <c>datetime</c> in milliseconds, so events of one millisecond come back in an arbitrary order; this sink's entries
/// carry what restores it: <c>datetime</c> text with seven fractional digits, and ids whose hex sequence follows the
/// log calls of one sink. Within a group of one millisecond, this sink's entries are ordered by the full-precision
/// time, then (same sink) by sequence, then by id; other producers' entries (Python's, second precision) keep the
/// places and order the server gave them.
/// </summary>
static class ThreadOrder
{
    /// <summary>Reorders one group of entries of the same millisecond, in place.</summary>
    public static void Sort(List<TraceEntry> group, TraceOrder order)
    {
        if (group.Count < 2)
            return;

        var places = new List<int>();
        var keys = new List<Key>();
        for (var i = 0; i < group.Count; i++)
        {
            if (SinkDocumentId.TryParse(group[i].Id, out var prefix, out var sequence))
            {
                places.Add(i);
                keys.Add(new Key(group[i], PreciseTicks(group[i]), prefix, sequence));
            }
        }

        if (keys.Count < 2)
            return;
        var descending = order == TraceOrder.NewestFirst;
        keys.Sort((a, b) => descending ? Compare(b, a) : Compare(a, b));
        for (var i = 0; i < places.Count; i++)
            group[places[i]] = keys[i].Entry;
    }

    /// <summary>The millisecond Elasticsearch sorts an entry by; null when it has no time.</summary>
    public static long? Millisecond(TraceEntry entry) =>
        entry.Datetime is { } time ? time.UtcTicks / TimeSpan.TicksPerMillisecond : null;

    static int Compare(Key a, Key b)
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        if (byTime != 0)
            return byTime;
        if (a.Prefix.Span.SequenceEqual(b.Prefix.Span))
        {
            var bySequence = a.Sequence.CompareTo(b.Sequence);
            if (bySequence != 0)
                return bySequence;
        }

        return string.CompareOrdinal(a.Entry.Id, b.Entry.Id);
    }

    // The text as stored holds every digit this sink wrote; the parsed Datetime may have been read with less.
    static long PreciseTicks(TraceEntry entry)
    {
        if (entry.DatetimeText is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var precise))
            return precise.UtcTicks;
        return entry.Datetime?.UtcTicks ?? long.MaxValue;
    }

    readonly record struct Key(TraceEntry Entry, long Ticks, ReadOnlyMemory<char> Prefix, ulong Sequence);
}
