using System.Runtime.CompilerServices;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive events of one sink, captured on the logging threads and stored by value
/// in the <see cref="CaptureQueue"/>: a queued event costs no object of its own. The delivery loop takes the
/// block's events in the order they were added.
/// </summary>
/// <remarks>
/// Records are added under the queue's lock; they are taken by the delivery loop, also under that lock.
/// </remarks>
sealed class CaptureBlock
{
    /// <summary>
    /// Events per block: about 160 KB, over the large-object threshold (85,000 bytes) on purpose. A large object
    /// belongs to the oldest generation from the start and is never copied, so a queued event costs the collections
    /// that run while it waits nothing but the scan of its references; smaller blocks were copied from generation
    /// 0 to 1 to 2 (see the performance results).
    /// </summary>
    public const int Capacity = 1024;

    readonly CaptureRecord[] _records = new CaptureRecord[Capacity];
    int _count;
    int _taken;

    /// <summary>The garbage-collector generation of the block's storage: 2 from the start, as a large object.</summary>
    internal int StorageGeneration => GC.GetGeneration(_records);

    /// <summary>The block that follows this one in the queue.</summary>
    public CaptureBlock? Next { get; set; }

    /// <summary>Events added and not taken yet.</summary>
    public int Waiting => _count - _taken;

    /// <summary>True when every slot has been filled and taken: the block can be left behind.</summary>
    public bool IsSpent => _taken == Capacity;

    /// <summary>Makes a spent block empty again, to be used for later events (its records were cleared as they were taken).</summary>
    public void Reset()
    {
        if (!IsSpent)
            throw new InvalidOperationException("Only a block whose every event was taken can be used again.");
        _count = 0;
        _taken = 0;
        Next = null;
    }

    /// <summary>Adds a record; false when the block is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(in CaptureRecord record)
    {
        if (_count == Capacity)
            return false;
        _records[_count++] = record;
        return true;
    }

    /// <summary>
    /// The block's next event not taken yet, as the delivery code works with it (in <paramref name="reuse"/> when
    /// given: an object nothing refers to any more). Its record is cleared, so that the block no longer keeps what the
    /// event refers to alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CapturedEvent TakeNext(CapturedEvent? reuse = null)
    {
        if (_taken >= _count)
            throw new InvalidOperationException("The block holds no event that was not taken already.");
        ref var record = ref _records[_taken++];
        CapturedEvent captured;
        if (reuse is null)
        {
            captured = new CapturedEvent(in record);
        }
        else
        {
            reuse.Reset(in record);
            captured = reuse;
        }
        record = default;
        return captured;
    }
}
