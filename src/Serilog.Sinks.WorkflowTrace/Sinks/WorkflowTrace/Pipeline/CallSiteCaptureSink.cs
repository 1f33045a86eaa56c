using System.Diagnostics;
using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;

namespace Serilog.Sinks.WorkflowTrace.Pipeline;

/// <summary>
/// The sink the logger calls, on the logging thread. It records what only the logging thread knows (thread id,
/// the current activity's parent span), enforces the queue limit — reporting, never silently discarding, what
/// does not fit — and adds the event to the <see cref="CaptureQueue"/>, waking the <see cref="DeliveryLoop"/> when
/// a batch is full. With a durable buffer it wakes the <see cref="DurableSpool"/> instead, which writes the queue to
/// disk (with write-through, the call itself waits for its event to be on disk). Flushing and closing are the loop's.
/// </summary>
sealed class CallSiteCaptureSink : ILogEventSink, IDisposable, IAsyncDisposable, ISetLoggingFailureListener
{
    readonly CaptureQueue _queue;
    readonly DeliveryLedger _ledger;
    readonly DeliveryLoop? _loop;
    readonly int _queueLimit;
    readonly int _batchSize;
    readonly DurableSpool? _spool;
    readonly bool _writeThrough;
    readonly Action? _closed;
    int _disposed;
    int _emitting;

    /// <param name="queue">Where captured events wait.</param>
    /// <param name="ledger">Counts held events and reports those turned away.</param>
    /// <param name="queueLimit">Most events held at once.</param>
    /// <param name="loop">The delivery loop to wake; none when something else reads the queue (tests).</param>
    /// <param name="batchSize">Events that make a batch full: the loop is woken when that many wait.</param>
    /// <param name="spool">With a durable buffer: what writes the queue to disk, woken instead of the loop.</param>
    /// <param name="writeThrough">With a durable buffer: the call returns only once its event is on disk.</param>
    /// <param name="closed">Called once everything is closed (the durable buffer's files and lock are let go).</param>
    public CallSiteCaptureSink(CaptureQueue queue, DeliveryLedger ledger, int queueLimit, DeliveryLoop? loop = null, int batchSize = int.MaxValue,
        DurableSpool? spool = null, bool writeThrough = false, Action? closed = null)
    {
        _queue = queue;
        _ledger = ledger;
        _queueLimit = queueLimit;
        _loop = loop;
        _batchSize = batchSize;
        _spool = spool;
        _writeThrough = writeThrough && spool is not null;
        _closed = closed;
    }

    /// <summary>Completes when everything logged before the call was delivered (true), or could not be (false).</summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken) =>
        _loop?.FlushAsync(cancellationToken) ?? Task.FromResult(true);

    // The per-event paths are compiled fully optimised on first call: left to tiering, they ran unoptimised and
    // then instrumented for the first seconds of a burst. Measured in
    // test/Serilog.Sinks.WorkflowTrace.Benchmarks/results/aggressive-optimization.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Emit(LogEvent logEvent)
    {
        // Counted so that disposal waits for calls already past the disposed check: an event added after the
        // loop's last look at the queue would be neither delivered nor reported.
        Interlocked.Increment(ref _emitting);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                _ledger.ReportRejected(logEvent, "the WorkflowTrace sink has been disposed; the event was not accepted");
                return;
            }

            if (!_ledger.TryAdmit(_queueLimit))
            {
                _ledger.ReportQueueFull(logEvent, _queueLimit);
                return;
            }

            // The sequence number is given by the queue, under its lock, so that numbers rise in queue order.
            CaptureRecord.Capture(logEvent, Environment.CurrentManagedThreadId, Activity.Current?.ParentSpanId ?? default, 0, out var record);
            var waiting = _queue.Add(ref record);

            if (_spool is not null)
            {
                if (_writeThrough)
                    _spool.WriteThrough(record.Sequence);
                else if (waiting == 1)
                    _spool.Wake();
                return;
            }

            // An event into an empty queue starts the loop's interval (the very first one goes out at once, so a
            // trace shows up immediately); a full batch is sent without waiting for it. Under load the queue is
            // rarely empty, so this is rarely more than a comparison.
            if (waiting == 1 || waiting == _batchSize)
                _loop?.Wake();
        }
        catch (Exception ex)
        {
            // Nothing may escape into the application's logging call.
            SelfLog.WriteLine("WorkflowTrace: failed to accept an event: {0}", ex);
        }
        finally
        {
            Interlocked.Decrement(ref _emitting);
        }
    }

    void WaitForEmitters() => SpinWait.SpinUntil(() => Volatile.Read(ref _emitting) == 0, TimeSpan.FromSeconds(5));

    /// <summary>Events accepted so far: each admitted event takes the next sequence number.</summary>
    public long Accepted => _queue.LastSequence;

    public void SetFailureListener(ILoggingFailureListener failureListener) => _ledger.SetFailureListener(failureListener);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        WaitForEmitters();
        // What is still in memory goes to disk first: the loop ships from there, and leaves there what it cannot ship.
        _spool?.Stop();
        _loop?.Dispose();
        _closed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        WaitForEmitters();
        _spool?.Stop();
        if (_loop is not null)
            await _loop.DisposeAsync().ConfigureAwait(false);
        _closed?.Invoke();
    }
}
