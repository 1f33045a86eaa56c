using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Flushing: a flush notes the number of the last event logged before it and waits until the loop has settled
/// every event up to that number. Nothing is put in the queue for it: a waiting flush costs one small object,
/// removed when it ends (answered, or cancelled), so memory stays bounded however often flushes are called.
/// </summary>
sealed partial class DeliveryLoop
{
    sealed class FlushWaiter(long target)
    {
        public long Target { get; } = target;

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly object _flushGate = new();
    readonly List<FlushWaiter> _flushes = [];
    int _flushCount;

    // Every event with a number up to this one is settled (delivered or reported).
    long _settledThrough;

    bool FlushWanted => Volatile.Read(ref _flushCount) > 0;

    /// <summary>
    /// Sends what is queued and completes when every event logged before the call is delivered (true). False when
    /// an attempt failed and they wait for a retry (a flush does not wait out an outage), when the sink is closing,
    /// or when an event was given up (reported) since the last flush that answered for it.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var answeredBefore = _ledger.BeginFlush();
        if (_stopping || _ledger.DeliveryFailing)
            return _ledger.AnswerFlush(shipped: false, answeredBefore);

        var target = _source.LastSequence;
        if (Interlocked.Read(ref _settledThrough) >= target)
            return _ledger.AnswerFlush(shipped: true, answeredBefore);

        var waiter = new FlushWaiter(target);
        lock (_flushGate)
        {
            _flushes.Add(waiter);
            _flushCount = _flushes.Count;
        }
        try
        {
            Wake();
            var shipped = await waiter.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return _ledger.AnswerFlush(shipped, answeredBefore);
        }
        finally
        {
            lock (_flushGate)
            {
                _flushes.Remove(waiter);
                _flushCount = _flushes.Count;
            }
        }
    }

    /// <summary>Answers the flushes whose events are all settled. On the loop's thread, or once it has stopped.</summary>
    void CompleteSettledFlushes()
    {
        if (!FlushWanted)
            return;
        if (Volatile.Read(ref _batch) is null && _source.SettledWhenIdle() is var idle && idle > Interlocked.Read(ref _settledThrough))
            Interlocked.Exchange(ref _settledThrough, idle);
        var settled = Interlocked.Read(ref _settledThrough);
        lock (_flushGate)
        {
            foreach (var waiter in _flushes)
            {
                if (waiter.Target <= settled)
                    waiter.Done.TrySetResult(true);
            }
        }
    }

    /// <summary>An attempt failed, or the sink closes: every flush waiting now learns its events are not delivered.</summary>
    void FailWaitingFlushes()
    {
        if (!FlushWanted)
            return;
        lock (_flushGate)
        {
            foreach (var waiter in _flushes)
                waiter.Done.TrySetResult(false);
        }
    }
}
