namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Where the delivery loop takes its batches from: the <see cref="CaptureQueue"/> in memory, or the durable
/// buffer's files. The loop takes one batch at a time and settles every event of it before it calls
/// <see cref="Finish"/> and takes the next.
/// </summary>
interface IDeliverySource
{
    /// <summary>Events waiting to be taken.</summary>
    int Count { get; }

    /// <summary>The number of the last event the sink accepted: a flush waits until every event up to it is settled.</summary>
    long LastSequence { get; }

    /// <summary>Takes up to <paramref name="max"/> events, oldest first, into <paramref name="into"/>; returns how many.</summary>
    int Take(int max, List<CapturedEvent> into);

    /// <summary>
    /// Whether a batch that has kept failing for <c>retryTimeLimit</c> is given up (its events reported). The
    /// queue in memory gives up, to bound memory; the durable buffer keeps a batch read from its files there and
    /// tries it again, its size limit bounding an outage instead.
    /// </summary>
    bool GivesUp(List<CapturedEvent> batch);

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
