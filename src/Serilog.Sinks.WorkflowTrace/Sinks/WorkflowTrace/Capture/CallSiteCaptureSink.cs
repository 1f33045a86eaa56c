using System.Diagnostics;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Delivery;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// The sink the logger calls, on the logging thread. It records what only the logging thread knows (thread id,
/// the current activity's parent span, the document id), enforces the queue limit — reporting, never silently
/// discarding, what does not fit — and hands an envelope to Serilog's batching sink.
/// </summary>
sealed class CallSiteCaptureSink : ILogEventSink, IDisposable, IAsyncDisposable, ISetLoggingFailureListener
{
    readonly ILogEventSink _batchingSink;
    readonly DeliveryLedger _ledger;
    readonly int _queueLimit;
    readonly int _batchSize;
    readonly object _flushGate = new();
    readonly List<FlushRequest> _flushes = [];
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
    /// Completes when every event accepted before the call has been delivered or reported. Serilog's batching
    /// sends a batch when it is full (or its interval passes), so a full batch of marker events follows the
    /// events; the batch sink completes the request when it has shipped the batch holding the first marker.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
            return Task.CompletedTask;

        var request = new FlushRequest();
        lock (_flushGate)
            _flushes.Add(request);
        _ = request.Completion.ContinueWith(_ => Forget(request), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Interlocked.Increment(ref _emitting);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                request.Complete();
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

        return request.Completion.WaitAsync(cancellationToken);
    }

    void Forget(FlushRequest request)
    {
        lock (_flushGate)
            _flushes.Remove(request);
    }

    /// <summary>After the batching sink has finished, nothing is waiting any more: every flush is done.</summary>
    void CompleteFlushes()
    {
        FlushRequest[] pending;
        lock (_flushGate)
            pending = _flushes.ToArray();
        foreach (var request in pending)
            request.Complete();
    }

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

            var envelope = CapturedEvent.Envelop(
                logEvent,
                Environment.CurrentManagedThreadId,
                Activity.Current?.ParentSpanId ?? default,
                Interlocked.Increment(ref _sequence));

            _batchingSink.Emit(envelope);
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
