using System.Runtime.CompilerServices;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// The sink's queue of captured events: a chain of <see cref="CaptureBlock"/>s that the logging threads append to
/// and the delivery loop takes from, in order. Appending numbers the event (its document id) under the same lock,
/// so the numbers in the queue rise without gaps and "everything up to number N" is a position in the queue.
/// The queue limit is enforced before an event gets here (by the ledger's count of held events).
/// </summary>
sealed class CaptureQueue
{
    readonly object _gate = new();
    CaptureBlock _head = new();
    CaptureBlock _tail;
    int _count;
    long _lastSequence;

    // Event objects of settled batches, used again for the next batches (delivery loop only). An event object
    // lives as long as its batch is being delivered: reused, a whole batch of them is not copied by every
    // collection that runs meanwhile.
    const int MaxPooled = 16_384;

    // Spent blocks kept for reuse (under the lock): enough for a steady flow, not a backlog's worth.
    const int MaxSpareBlocks = 4;
    readonly Stack<CaptureBlock> _spareBlocks = new();
    readonly Stack<CapturedEvent> _free = new();

    public CaptureQueue() => _tail = _head;

    /// <summary>Events waiting to be taken.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The number of the last event added: every event up to it is in the queue or was taken from it.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>
    /// Adds <paramref name="record"/>, giving it the next sequence number; returns how many events wait now (the
    /// caller wakes the delivery loop when a batch is full). Threads logging at once wait only for the copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(ref CaptureRecord record)
    {
        lock (_gate)
        {
            record.Sequence = _lastSequence + 1;
            if (!_tail.TryAdd(in record))
            {
                var block = _spareBlocks.Count > 0 ? _spareBlocks.Pop() : NewBlock();
                block.TryAdd(in record);
                _tail.Next = block;
                _tail = block;
            }
            Volatile.Write(ref _lastSequence, record.Sequence);
            return ++_count;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> events, oldest first, into <paramref name="into"/>; returns how many.
    /// Delivery loop (or, once it has stopped, the shutdown) only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Take(int max, List<CapturedEvent> into)
    {
        var taken = 0;
        while (taken < max)
        {
            // A few hundred at a time: a logging call waiting for the lock waits for one such step, not for a whole
            // batch of thousands (which held it for a quarter of a millisecond).
            var step = TakeStep(Math.Min(max - taken, TakeStepSize), into);
            if (step == 0)
                break;
            taken += step;
        }
        return taken;
    }

    const int TakeStepSize = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int TakeStep(int max, List<CapturedEvent> into)
    {
        var taken = 0;
        lock (_gate)
        {
            while (taken < max)
            {
                if (_head.Waiting == 0)
                {
                    if (!_head.IsSpent || _head.Next is null)
                        break;
                    var spent = _head;
                    _head = _head.Next;
                    // Kept for the next block the queue needs: a block is a large object (~160 KB), and each new one
                    // counts toward the next full collection.
                    if (_spareBlocks.Count < MaxSpareBlocks)
                    {
                        spent.Reset();
                        _spareBlocks.Push(spent);
                    }
                    continue;
                }
                into.Add(_head.TakeNext(_free.TryPop(out var reuse) ? reuse : null));
                taken++;
            }
            _count -= taken;
        }
        return taken;
    }

    /// <summary>Takes every event still waiting.</summary>
    public List<CapturedEvent> TakeAll()
    {
        var events = new List<CapturedEvent>();
        Take(int.MaxValue, events);
        return events;
    }

    /// <summary>
    /// Takes back the event objects of a finished batch, for reuse by later batches. Only settled events are taken:
    /// a failure listener was given a copy (<see cref="CapturedEvent.ToLogEvent"/>), never the object itself.
    /// </summary>
    public void Recycle(List<CapturedEvent> events)
    {
        // A pooled object must not keep a delivered event's values alive; released outside the lock the logging
        // thread takes.
        foreach (var captured in events)
        {
            if (!captured.IsPending)
                captured.Release();
        }
        lock (_gate)
        {
            foreach (var captured in events)
            {
                if (_free.Count >= MaxPooled)
                    break;
                if (!captured.IsPending)
                    _free.Push(captured);
            }
        }
    }

    CaptureBlock NewBlock()
    {
        _blocksMade++;
        return new CaptureBlock();
    }

    int _blocksMade = 1;

    /// <summary>Blocks made so far, the first included (for tests).</summary>
    internal int BlocksMade
    {
        get
        {
            lock (_gate)
                return _blocksMade;
        }
    }

    /// <summary>Spent blocks waiting to be used again (for tests).</summary>
    internal int SpareBlocks
    {
        get
        {
            lock (_gate)
                return _spareBlocks.Count;
        }
    }

    /// <summary>Event objects waiting to be used again (for tests).</summary>
    internal int Pooled
    {
        get
        {
            lock (_gate)
                return _free.Count;
        }
    }
}
