using System.Runtime.CompilerServices;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// Finds the entries of a query that arrived since the last poll, each exactly once. Each poll searches from the
/// newest entry seen less <see cref="Lateness"/> — so an entry indexed late with an earlier time (another thread's
/// batch, another host, the same millisecond as one already seen) is still found — and leaves out the ids already
/// returned within that window. Ids older than the window are forgotten, so memory stays bounded by the window.
/// </summary>
sealed class EntryFollower
{
    readonly WorkflowTraceReader _reader;
    readonly TraceQuery _query;
    readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    DateTimeOffset? _newest;

    /// <summary>Follows <paramref name="query"/>; entries before <paramref name="from"/> (when given) are never returned.</summary>
    public EntryFollower(WorkflowTraceReader reader, TraceQuery query, DateTimeOffset? from, TimeSpan lateness)
    {
        if (lateness < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lateness), lateness, "The lateness window cannot be negative.");
        _reader = reader;
        _query = query;
        From = from;
        Lateness = lateness;
    }

    /// <summary>The earliest time followed, if any.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>How late (by its own time) an entry may be indexed and still be found.</summary>
    public TimeSpan Lateness { get; }

    /// <summary>
    /// The entries new since the last poll, oldest first, streamed as they are read (a long run's first poll is not
    /// held in memory).
    /// </summary>
    public async IAsyncEnumerable<TraceEntry> PollAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = _newest is { } newest ? newest - Lateness : From;
        if (From is { } from && since < from) since = from;
        var query = since is null ? _query : _query with { Since = since, Last = null };
        var added = 0;
        await foreach (var entry in _reader.SearchAsync(query, TraceOrder.OldestFirst, cancellationToken))
        {
            if (entry.Datetime is not { } time || _seen.ContainsKey(entry.Id)) continue;
            if (since is { } s && time < s) continue;
            _seen[entry.Id] = time;
            if (_newest is null || time > _newest) _newest = time;
            if (++added % 10_000 == 0) Forget();
            yield return entry;
        }

        Forget();
    }

    // Ids below the next poll's lower bound can no longer be returned by it.
    void Forget()
    {
        if (_newest is not { } newest) return;
        var bound = newest - Lateness;
        foreach (var old in _seen.Where(s => s.Value < bound).Select(s => s.Key).ToList())
            _seen.Remove(old);
    }
}
