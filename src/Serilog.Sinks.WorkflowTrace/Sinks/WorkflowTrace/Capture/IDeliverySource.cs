namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Where the delivery loop takes its batches from: the <see cref="CaptureQueue"/> in memory, or the durable
/// buffer's files. The loop takes one batch at a time and settles every event of it before it calls
/// <see cref="Finish"/> and takes the next.
/// </summary>
interface IDeliverySource
{
    /// <summary>
    /// True when a batch that cannot be sent may wait as long as it takes (the durable buffer: it is on disk, bounded
    /// by the buffer's size limit): <c>retryTimeLimit</c> then does not give it up.
    /// </summary>
    bool WaitsOutOutages { get; }

    /// <summary>Events waiting to be taken.</summary>
    int Count { get; }

    /// <summary>The number of the last event the sink accepted: a flush waits until every event up to it is settled.</summary>
    long LastSequence { get; }

    /// <summary>Takes up to <paramref name="max"/> events, oldest first, into <paramref name="into"/>; returns how many.</summary>
    int Take(int max, List<CapturedEvent> into);

    /// <summary>Every event of <paramref name="batch"/> is settled (delivered or reported): let them go.</summary>
    void Finish(List<CapturedEvent> batch);

    /// <summary>
    /// Called by the loop, between batches, while nothing is waiting: every event up to the number returned is
    /// settled or kept where it can no longer be waited for (0 when the source cannot say more than the batches did).
    /// </summary>
    long SettledWhenIdle();

    /// <summary>
    /// The sink is closing and the loop has stopped: <paramref name="unsettled"/> are the pending events of the batch
    /// in flight. Reports, once, what is not delivered — and, for the durable buffer, what stays on disk for the next
    /// sink — with <paramref name="reason"/>.
    /// </summary>
    void Close(List<CapturedEvent> unsettled, string reason);
}
