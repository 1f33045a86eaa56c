namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Releases a stream of pages in thread order (see <see cref="ThreadOrder"/>): each group of one millisecond is
/// reordered once it is whole. The last group of a page is held back until a later page shows a later millisecond
/// (or the read ends), since the group may go on there; memory is bounded by one millisecond's group.
/// </summary>
sealed class ThreadOrderBuffer(TraceOrder order)
{
    readonly List<TraceEntry> _group = [];
    long? _millisecond;

    /// <summary>Takes one page's entries, in the server's order; adds to <paramref name="ready"/> what may be released.</summary>
    public void Add(IReadOnlyList<TraceEntry> entries, List<TraceEntry> ready)
    {
        foreach (var entry in entries)
        {
            var millisecond = ThreadOrder.Millisecond(entry);
            if (_group.Count > 0 && millisecond != _millisecond)
                Release(ready);
            _group.Add(entry);
            _millisecond = millisecond;
        }
    }

    /// <summary>The read is over: releases the group held back.</summary>
    public void Flush(List<TraceEntry> ready) => Release(ready);

    void Release(List<TraceEntry> ready)
    {
        ThreadOrder.Sort(_group, order);
        ready.AddRange(_group);
        _group.Clear();
    }
}
