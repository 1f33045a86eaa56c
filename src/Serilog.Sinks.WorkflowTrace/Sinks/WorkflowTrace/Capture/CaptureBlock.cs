using System.Runtime.CompilerServices;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive events of one sink, captured on the logging threads and stored by value.
/// It travels through Serilog's batching as the message template of one envelope <see cref="LogEvent"/>, which is
/// handed to the batching sink once per event it holds: Serilog's batching still counts, times and retries events
/// one by one, but a queued event costs no object of its own. The read side takes the block's events in the order
/// their envelopes come out of Serilog's queue, which is the order they went in.
/// </summary>
/// <remarks>
/// Records are added under the capture sink's lock, and each one before its envelope is queued; they are taken on
/// Serilog's batching loop only, after their envelope came out of the queue.
/// </remarks>
sealed class CaptureBlock : MessageTemplate
{
    /// <summary>Events per block: about 40 KB, under the large-object threshold.</summary>
    public const int Capacity = 256;

    static readonly Dictionary<string, LogEventPropertyValue> NoProperties = new(0);

    readonly CaptureRecord[] _records = new CaptureRecord[Capacity];
    int _count;
    int _taken;

    public CaptureBlock(DateTimeOffset timestamp)
        : base("", [])
    {
        Envelope = LogEvent.UnstableAssembleFromParts(timestamp, LogEventLevel.Information, null, this, NoProperties, default, default);
    }

    /// <summary>The one envelope of every event in the block.</summary>
    public LogEvent Envelope { get; }

    /// <summary>Adds a record; false when the block is full. Called under the capture sink's lock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(in CaptureRecord record)
    {
        if (_count == Capacity)
            return false;
        _records[_count] = record;
        Volatile.Write(ref _count, _count + 1);
        return true;
    }

    /// <summary>
    /// The block's next event not taken yet, as the delivery code works with it. Its record is cleared, so that the
    /// block no longer keeps what the event refers to alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CapturedEvent TakeNext()
    {
        if (_taken >= Volatile.Read(ref _count))
            throw new InvalidOperationException("An envelope came out of the queue for an event its block does not hold.");
        ref var record = ref _records[_taken++];
        var captured = new CapturedEvent(in record);
        record = default;
        return captured;
    }

    /// <summary>Finds the block an envelope stands for, or null for any other event.</summary>
    public static CaptureBlock? From(LogEvent logEvent) => logEvent.MessageTemplate as CaptureBlock;
}
