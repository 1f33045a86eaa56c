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
    IReadOnlyCollection<LogEvent>? _batch;
    List<CapturedEvent>? _inFlight;

    /// <summary>The events of a batch about to be emitted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<CapturedEvent> ReadBatch(IReadOnlyCollection<LogEvent> batch)
    {
        var known = ReferenceEquals(batch, _batch) ? _inFlight : null;
        var events = new List<CapturedEvent>(batch.Count);
        foreach (var envelope in batch)
        {
            if (CaptureBlock.From(envelope) is not { } block)
                continue;
            events.Add(known is not null && events.Count < known.Count ? known[events.Count] : block.TakeNext());
        }
        _batch = batch;
        _inFlight = events;
        return events;
    }

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
