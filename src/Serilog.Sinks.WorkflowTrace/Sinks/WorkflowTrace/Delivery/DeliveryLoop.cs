using Serilog.Core;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// The sink's one delivery loop. It takes a batch from its <see cref="IDeliverySource"/> (the
/// <see cref="CaptureQueue"/>, or the durable buffer's files) when <c>bufferSize</c>
/// events wait, when <c>flushInterval</c> has passed since the last one, when a flush asks, or at once for the
/// very first event; ships it with the <see cref="BulkShipper"/>; and, when the attempt fails, keeps the batch and
/// tries it again on the <see cref="RetrySchedule"/> until <c>retryTimeLimit</c>, then reports what it gives up (a batch
/// read from the durable buffer's files is not given up: it waits there, see <see cref="IDeliverySource.GivesUp"/>).
/// Batches go one at a time and in order, so "every event up to number N is settled" is one number, which
/// flushes wait on (<c>DeliveryLoop.Flush.cs</c>). Closing drains the queue within <c>shutdownTimeout</c>
/// (<c>DeliveryLoop.Shutdown.cs</c>).
/// </summary>
sealed partial class DeliveryLoop
{
    readonly IDeliverySource _source;
    readonly BulkShipper _shipper;
    readonly DeliveryLedger _ledger;
    readonly SinkMonitor _monitor;
    readonly BootstrapSchedule _bootstrap;
    readonly RetrySchedule _retries;
    readonly DeliveryTimings _timings;
    readonly TimeProvider _time;

    // Cancelled at the shutdown deadline: every request in flight ends then.
    readonly CancellationTokenSource _deadline = new();
    TaskCompletionSource _wake = NewSignal();
    Task _run = Task.CompletedTask;

    // The loop's own state.
    List<CapturedEvent>? _batch;
    List<CapturedEvent>? _spare;
    DateTimeOffset _lastTaken;
    DateTimeOffset _retryAt;
    bool _sentAny;
    Task? _waitedForAttempt;
    Task? _emptyUntilWoken;
    int _idle;
    int _closingFailures;

    /// <summary>Attempts closing gives a batch, without waiting, before it reports what is left.</summary>
    const int ClosingAttempts = 2;

    public DeliveryLoop(IDeliverySource source, BulkShipper shipper, DeliveryLedger ledger, SinkMonitor monitor, BootstrapSchedule bootstrap,
        DeliveryTimings timings, TimeProvider time)
    {
        _source = source;
        _shipper = shipper;
        _ledger = ledger;
        _monitor = monitor;
        _bootstrap = bootstrap;
        _timings = timings;
        _time = time;
        _retries = new RetrySchedule(timings.FlushInterval, timings.RetryTimeLimit, time);
        _lastTaken = time.GetUtcNow();
    }

    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>
    /// Tells the loop that <paramref name="waiting"/> events wait, waking it only when that changes what it does: it is
    /// waiting for events at all, a batch is full, or a flush waits. The durable buffer's spool calls this after each
    /// pass (up to a thousand a second), which would otherwise wake the loop as often for nothing.
    /// </summary>
    public void Nudge(int waiting)
    {
        if (Volatile.Read(ref _idle) != 0 || waiting >= _timings.BufferSize || FlushWanted)
            Wake();
    }

    /// <summary>Wakes the loop to look at the queue again (a full batch, a flush, closing). Cheap; any thread.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The signal to wait on next: a fresh one once the last has been given, so no wake-up is lost.</summary>
    Task TakeSignal()
    {
        var current = Volatile.Read(ref _wake);
        if (!current.Task.IsCompleted)
            return current.Task;
        var next = NewSignal();
        Volatile.Write(ref _wake, next);
        return next.Task;
    }

    async Task RunAsync()
    {
        var token = _deadline.Token;
        try
        {
            while (true)
            {
                var signal = TakeSignal();
                CompleteSettledFlushes();

                // Marked idle (with a full fence) before the count is read: a nudge that finds the mark unset came
                // after events the count below already sees, so no wake-up is lost.
                Interlocked.Exchange(ref _idle, 1);
                var (wait, alsoOn) = HowLongToWait();
                if (wait != Timeout.InfiniteTimeSpan || alsoOn is not null)
                    Interlocked.Exchange(ref _idle, 0);
                if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                {
                    await WaitAsync(signal, wait, alsoOn, token).ConfigureAwait(false);
                    Interlocked.Exchange(ref _idle, 0);
                    continue;
                }

                if (_stopping && _batch is null && _source.Count == 0)
                    return;

                if (!await BootstrapAllowsShippingAsync(token).ConfigureAwait(false))
                {
                    if (_stopping)
                        return;
                    continue;
                }

                if (_batch is null)
                {
                    var batch = _spare ?? new List<CapturedEvent>(Math.Min(_timings.BufferSize, 16_384));
                    _spare = null;
                    _lastTaken = _time.GetUtcNow();
                    if (_source.Take(_timings.BufferSize, batch) == 0)
                    {
                        // Nothing could be taken although the source counted some (files removed under the sink):
                        // closing ends here, and otherwise the count is not believed until the next wake-up.
                        _spare = batch;
                        if (_stopping)
                            return;
                        _emptyUntilWoken = signal;
                        continue;
                    }
                    Volatile.Write(ref _batch, batch);
                    _sentAny = true;
                }

                if (!await DeliverAsync(_batch, token).ConfigureAwait(false))
                    return;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _stopReason ??= $"the shutdownTimeout ({_timings.ShutdownTimeout.TotalSeconds:0.###} s) passed while they were being delivered{LastErrorClause()}";
        }
        catch (Exception ex)
        {
            // A defect of the loop itself: stop, and let the shutdown report what is left.
            SelfLog.WriteLine("WorkflowTrace: the delivery loop stopped unexpectedly: {0}", ex);
            _stopReason ??= "the delivery loop stopped unexpectedly: " + ex.Message;
        }
    }

    /// <summary>How long to wait before the next step, and a task that ends the wait early (a bootstrap attempt).</summary>
    (TimeSpan Wait, Task? AlsoOn) HowLongToWait()
    {
        if (_stopping)
            return (TimeSpan.Zero, null);
        var now = _time.GetUtcNow();
        if (_batch is not null)
            return (_retryAt - now, null);
        var waiting = _emptyUntilWoken is { IsCompleted: false } ? 0 : _source.Count;
        if (_bootstrap.HoldsEvents && waiting > 0)
        {
            var attempt = _bootstrap.Poll(_deadline.Token);
            if (attempt is not null)
                return (Timeout.InfiniteTimeSpan, attempt);
            // An attempt failed and the next is not due: a flush does not wait out a failing bootstrap.
            FailWaitingFlushes();
            return (_bootstrap.UntilNextAttempt, null);
        }
        if (waiting == 0)
            return (Timeout.InfiniteTimeSpan, null);
        if (waiting >= _timings.BufferSize || FlushWanted || !_sentAny)
            return (TimeSpan.Zero, null);
        return (_lastTaken + _timings.FlushInterval - now, null);
    }

    async Task WaitAsync(Task signal, TimeSpan wait, Task? alsoOn, CancellationToken token)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(token);
        var delay = Task.Delay(wait, _time, stopDelay.Token);
        await Task.WhenAny(signal, delay, alsoOn ?? delay).ConfigureAwait(false);
        stopDelay.Cancel();
    }

    /// <summary>
    /// Starts a bootstrap attempt when one is due. False while events must wait for it (Failure mode); otherwise
    /// true, having given an attempt it had not waited for yet a short while (<see cref="DeliveryTimings.BootstrapWait"/>),
    /// so that the template normally exists before the first document, but a hanging endpoint costs a batch at most
    /// that, and only when an attempt is due on the bootstrap's own back-off.
    /// </summary>
    async Task<bool> BootstrapAllowsShippingAsync(CancellationToken token)
    {
        var attempt = _bootstrap.Poll(token);
        if (_bootstrap.HoldsEvents)
        {
            if (attempt is not null)
                await attempt.ConfigureAwait(false);
            if (!_bootstrap.HoldsEvents)
                return true;
            FailWaitingFlushes();
            if (_stopping)
                _stopReason ??= $"the index bootstrap has not succeeded and bootstrapMode Failure holds events until it does ({_bootstrap.LastFailure ?? "no attempt finished"})";
            return false;
        }

        if (attempt is not null && attempt != _waitedForAttempt)
        {
            _waitedForAttempt = attempt;
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(token);
            await Task.WhenAny(attempt, Task.Delay(_timings.BootstrapWait, _time, stopDelay.Token)).ConfigureAwait(false);
            stopDelay.Cancel();
        }
        return true;
    }

    /// <summary>One attempt at the current batch. False when the loop is to stop (closing, and it failed).</summary>
    async Task<bool> DeliverAsync(List<CapturedEvent> batch, CancellationToken token)
    {
        try
        {
            await _shipper.ShipAsync(batch, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            var cause = ex.Message;
            Volatile.Write(ref _lastError, cause);
            _monitor.Error(cause);
            _ledger.DeliveryFailed();
            FailWaitingFlushes();
            if (_stopping)
            {
                // Closing tries again at once, and ends the drain when the batch has failed that often.
                if (++_closingFailures < ClosingAttempts)
                    return true;
                _stopReason ??= "the last attempts to deliver them, made while the sink was closing, failed: " + cause;
                return false;
            }

            if (_retries.MarkFailure() && _source.GivesUp(batch))
            {
                _ledger.ReportFailed(batch, LoggingFailureKind.Permanent,
                    $"the events were given up after {_retries.FailingFor.TotalSeconds:0} s of failed attempts (retryTimeLimit {_timings.RetryTimeLimit}): {cause}", ex);
                Finish(batch);
                return true;
            }

            var delay = _retries.NextDelay;
            _retryAt = _time.GetUtcNow() + delay;
            _ledger.ReportKept(batch, $"delivery failed, tried again in {delay.TotalSeconds:0.#} s: {cause}", ex);
            return true;
        }

        _retries.MarkSuccess();
        _ledger.DeliverySucceeded();
        Finish(batch);
        return true;
    }

    /// <summary>The batch is settled: every event up to its last is delivered or reported.</summary>
    void Finish(List<CapturedEvent> batch)
    {
        // Events read back from the durable buffer that an earlier process logged carry number 0.
        var last = batch.Max(captured => captured.Sequence);
        if (last > Interlocked.Read(ref _settledThrough))
            Interlocked.Exchange(ref _settledThrough, last);
        Volatile.Write(ref _batch, null);
        _source.Finish(batch);
        batch.Clear();
        _spare = batch;
        CompleteSettledFlushes();
    }
}
