using System.Diagnostics;
using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Delivery;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// The sink the logger calls, on the logging thread. It records what only the logging thread knows (thread id,
/// the current activity's parent span, the document id), enforces the queue limit — reporting, never silently
/// discarding, what does not fit — and stores the event in a <see cref="CaptureBlock"/>, whose envelope it hands to
/// Serilog's batching sink.
/// </summary>
sealed class CallSiteCaptureSink : ILogEventSink, IDisposable, IAsyncDisposable, ISetLoggingFailureListener
{
    readonly ILogEventSink _batchingSink;
    readonly DeliveryLedger _ledger;
    readonly int _queueLimit;
    readonly int _batchSize;
    readonly object _blockGate = new();
    CaptureBlock? _openBlock;
    long _sequence;
    int _disposed;
    int _emitting;

    public CallSiteCaptureSink(ILogEventSink batchingSink, DeliveryLedger ledger, int queueLimit, int batchSize = 1)
    {
        _batchingSink = batchingSink;
        _ledger = ledger;
        _queueLimit = queueLimit;
        _batchSize = batchSize;
    }

    /// <summary>
    /// Completes when every event accepted before the call has been delivered (true); false when an attempt to
    /// deliver them failed and they wait for a later retry, or when an event was dropped and reported instead of
    /// delivered that no earlier flush has already answered false for. Serilog's batching
    /// sends a batch when it is full (or its interval passes), so a full batch of marker events follows the
    /// events; the batch sink completes the request when it has shipped the batch holding the first marker.
    /// </summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var answeredBefore = _ledger.BeginFlush();

        // A batch held back for retry blocks everything behind it: while delivery is failing, say so at once.
        if (Volatile.Read(ref _disposed) != 0 || _ledger.DeliveryFailing)
            return Task.FromResult(_ledger.AnswerFlush(shipped: false, answeredBefore));

        var request = new FlushRequest();
        _ledger.RegisterFlush(request);

        Interlocked.Increment(ref _emitting);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                request.Complete(false);
            }
            else
            {
                for (var i = 0; i < _batchSize; i++)
                    _batchingSink.Emit(request.Marker);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _emitting);
        }

        return Outcome(request.Completion.WaitAsync(cancellationToken), answeredBefore);
    }

    // Shipped is not delivered: events reported as dropped on the way (rejected items, a full queue) make it false.
    async Task<bool> Outcome(Task<bool> shipped, long answeredBefore) =>
        _ledger.AnswerFlush(await shipped.ConfigureAwait(false), answeredBefore);

    /// <summary>After the batching sink has finished, nothing is waiting any more: every flush is done.</summary>
    void CompleteFlushes() => _ledger.CompletePendingFlushes(delivered: false);

    // The per-event paths (here, capture, reading blocks back, document and bulk body writing, response parsing and
    // settling) are compiled fully optimised on first call. Left to tiering, they ran unoptimised and then
    // instrumented for the first 3-4 seconds of a burst, the background compiler being starved of a core by the
    // logging and sending threads: the harness's 1,000,000-event run ended before they reached tier 1. Measured on
    // 2026-12-02: ~20% more end-to-end throughput, and no steady-state change (BenchmarkDotNet and 6,000,000-call
    // profile runs within their spread).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Emit(LogEvent logEvent)
    {
        // Counted so that disposal waits for calls already past the disposed check: an event handed to the
        // batching sink after it has shut down would be ignored without a word.
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

            CaptureRecord.Capture(
                logEvent,
                Environment.CurrentManagedThreadId,
                Activity.Current?.ParentSpanId ?? default,
                Interlocked.Increment(ref _sequence),
                out var record);

            // The record is built outside the lock (threads logging at once wait only for its copy), then goes
            // into the open block and the block's envelope into Serilog's queue under one lock, so
            // that the envelopes come out of the queue in the order of the records they stand for.
            lock (_blockGate)
            {
                var block = _openBlock;
                if (block is null || !block.TryAdd(in record))
                {
                    block = _openBlock = new CaptureBlock(record.Timestamp);
                    block.TryAdd(in record);
                }
                _batchingSink.Emit(block.Envelope);
            }
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
    public long Accepted => Interlocked.Read(ref _sequence);

    public void SetFailureListener(ILoggingFailureListener failureListener) => _ledger.SetFailureListener(failureListener);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        WaitForEmitters();
        (_batchingSink as IDisposable)?.Dispose();
        CompleteFlushes();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        WaitForEmitters();
        if (_batchingSink is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        else
            (_batchingSink as IDisposable)?.Dispose();
        CompleteFlushes();
    }
}
