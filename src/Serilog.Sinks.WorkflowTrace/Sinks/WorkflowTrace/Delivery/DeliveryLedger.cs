using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Keeps the promise "delivered exactly once, or reported": counts the events the sink holds (for the queue
/// limit), settles each event exactly once as delivered or failed, and reports every failure — ours and those of
/// Serilog's batching sink — to SelfLog and to the failure listener, always with the application's own events.
/// </summary>
sealed class DeliveryLedger : ILoggingFailureListener
{
    int _held;
    ILoggingFailureListener _listener = SelfLog.FailureListener;

    /// <summary>Events accepted and not yet settled.</summary>
    public int Held => Volatile.Read(ref _held);

    public void SetFailureListener(ILoggingFailureListener failureListener) =>
        _listener = failureListener ?? throw new ArgumentNullException(nameof(failureListener));

    public bool TryAdmit(int limit)
    {
        if (Interlocked.Increment(ref _held) <= limit)
            return true;
        Interlocked.Decrement(ref _held);
        return false;
    }

    public void MarkDelivered(CapturedEvent captured)
    {
        if (captured.TryMarkDelivered())
            Interlocked.Decrement(ref _held);
    }

    /// <summary>Settles the events as failed and reports those that were still pending.</summary>
    public void ReportFailed(IEnumerable<CapturedEvent> events, LoggingFailureKind kind, string message, Exception? exception)
    {
        var originals = new List<LogEvent>();
        foreach (var captured in events)
        {
            if (captured.TryMarkFailed())
            {
                Interlocked.Decrement(ref _held);
                originals.Add(captured.Original);
            }
        }

        if (originals.Count > 0)
            Report(kind, message, originals, exception);
    }

    /// <summary>An event the sink never accepted (queue full, disposed).</summary>
    public void ReportRejected(LogEvent original, string message) =>
        Report(LoggingFailureKind.Permanent, message, [original], null);

    /// <summary>Called by Serilog's batching sink with our envelopes; translated to the application's events.</summary>
    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        if (events is null)
        {
            Report(kind, message, null, exception);
            return;
        }

        var captured = events.Select(CapturedEvent.From).OfType<CapturedEvent>().ToList();
        if (kind == LoggingFailureKind.Temporary)
        {
            // The batch is kept and retried: nothing is settled yet, but the user hears about the trouble.
            var pending = captured.Where(c => c.IsPending).Select(c => c.Original).ToList();
            if (pending.Count > 0)
                Report(kind, $"{message}; {pending.Count} event(s) kept for retry", pending, exception);
            return;
        }

        // Events already settled (delivered, or reported by the sink itself) are not reported again.
        ReportFailed(captured, kind, message, exception);
    }

    void Report(LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        var text = "WorkflowTrace: " + message;
        try
        {
            var listener = _listener;
            // The default listener writes to SelfLog itself; any other gets the events and SelfLog still hears.
            if (!ReferenceEquals(listener, SelfLog.FailureListener))
            {
                SelfLog.WriteLine("{0} failure: {1} ({2} event(s))", kind, text, events?.Count ?? 0);
                if (exception is not null)
                    SelfLog.WriteLine("WorkflowTrace: caused by {0}", exception);
            }
            listener.OnLoggingFailed(this, kind, text, events, exception);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: the failure listener threw while being told \"{0}\": {1}", text, ex);
        }
    }
}
