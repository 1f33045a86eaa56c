using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// The delivery loop's source without a durable buffer: the <see cref="CaptureQueue"/> in memory. What is left in it
/// when the sink closes is reported as not delivered.
/// </summary>
sealed class QueueSource(CaptureQueue queue, DeliveryLedger ledger) : IDeliverySource
{
    public int Count => queue.Count;

    public long LastSequence => queue.LastSequence;

    public int Take(int max, List<CapturedEvent> into) => queue.Take(max, into);

    public bool GivesUp(List<CapturedEvent> batch) => true;

    public void Finish(List<CapturedEvent> batch) => queue.Recycle(batch);

    /// <summary>Every event in memory is in a batch or waiting: the batches alone say what is settled.</summary>
    public long SettledWhenIdle() => 0;

    public void Close(List<CapturedEvent> unsettled, string reason)
    {
        queue.Take(int.MaxValue, unsettled);
        if (unsettled.Count > 0)
            ledger.ReportFailed(unsettled, LoggingFailureKind.Final, $"{unsettled.Count} event(s) were not delivered: {reason}", null);
    }
}
