using System.Runtime.CompilerServices;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Turns the envelopes Serilog's batching hands on back into the captured events, in order: each envelope of a
/// <see cref="CaptureBlock"/> stands for that block's next event. A batch that failed is handed on again, as the same
/// collection, with any events queued since behind it: its events are the ones already read, not new ones. Used on
/// Serilog's batching loop only (batches and the failure notifications it sends).
/// </summary>
sealed class EnvelopeReader
{
    /// <summary>
    /// Most event objects kept for reuse: enough for batches of 16,384 events (about 3 MB); a larger batch allocates
    /// what the pool lacks.
    /// </summary>
    const int MaxPooled = 16_384;

    IReadOnlyCollection<LogEvent>? _batch;
    List<CapturedEvent>? _inFlight;

    // Event objects of delivered batches, and one list, used again for the next batches. An event object lives
    // as long as its batch is being delivered — long enough for the garbage collections that run meanwhile to find
    // a whole batch of them alive and copy it (about 1 MB at each collection, measured). Reused, they stay where
    // they are.
    readonly Stack<CapturedEvent> _free = new();
    List<CapturedEvent>? _spareList;

    /// <summary>The events of a batch about to be emitted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<CapturedEvent> ReadBatch(IReadOnlyCollection<LogEvent> batch)
    {
        var known = ReferenceEquals(batch, _batch) ? _inFlight : null;
        // The spare list was emptied when it was recycled.
        var events = _spareList ?? new List<CapturedEvent>(batch.Count);
        _spareList = null;
        foreach (var envelope in batch)
        {
            if (CaptureBlock.From(envelope) is not { } block)
                continue;
            events.Add(known is not null && events.Count < known.Count
                ? known[events.Count]
                : block.TakeNext(_free.TryPop(out var reuse) ? reuse : null));
        }
        _batch = batch;
        _inFlight = events;
        return events;
    }

    /// <summary>
    /// Takes back the events of a batch Serilog's batching is done with, every one of them settled, for reuse by
    /// later batches. The caller guarantees that nothing refers to them or to the list any more; events of a batch
    /// that failed, or that were reported, are never recycled (their objects go to whoever was told of them).
    /// </summary>
    public void Recycle(List<CapturedEvent> events)
    {
        // Defensive: a batch still in flight, or an event not settled, is left to the garbage collector.
        if (ReferenceEquals(events, _inFlight))
            return;
        foreach (var captured in events)
        {
            if (_free.Count >= MaxPooled)
                break;
            if (!captured.IsPending)
            {
                captured.Release();
                _free.Push(captured);
            }
        }
        events.Clear();
        _spareList = events;
    }

    /// <summary>Event objects waiting to be used again (for tests).</summary>
    internal int Pooled => _free.Count;

    /// <summary>Serilog's batching is done with the current batch: delivered, or dropped.</summary>
    public void BatchFinished()
    {
        _batch = null;
        _inFlight = null;
    }

    /// <summary>
    /// The events of envelopes in a failure notification: those of the batch in flight, or envelopes taken from the
    /// queue without being emitted (a queue Serilog's batching drained when it gave up). When
    /// <paramref name="givenUp"/>, Serilog's batching is done with them: a batch in flight is finished.
    /// </summary>
    public List<CapturedEvent> ReadNotified(IReadOnlyCollection<LogEvent> envelopes, bool givenUp)
    {
        if (!ReferenceEquals(envelopes, _batch) || _inFlight is null)
            return TakeAll(envelopes);
        var events = _inFlight;
        if (givenUp)
            BatchFinished();
        return events;
    }

    /// <summary>The next event of each envelope's block, for envelopes never read before.</summary>
    public static List<CapturedEvent> TakeAll(IEnumerable<LogEvent> envelopes)
    {
        var events = new List<CapturedEvent>();
        foreach (var envelope in envelopes)
        {
            if (CaptureBlock.From(envelope) is { } block)
                events.Add(block.TakeNext());
        }
        return events;
    }
}
