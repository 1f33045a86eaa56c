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
    Func<List<CapturedEvent>, IEnumerable<CapturedEvent>>? _lastChance;

    /// <summary>Events accepted and not yet settled.</summary>
    public int Held => Volatile.Read(ref _held);

    public void SetFailureListener(ILoggingFailureListener failureListener) =>
        _listener = failureListener ?? throw new ArgumentNullException(nameof(failureListener));

    /// <summary>
    /// What to try before giving events up that Serilog's batching drops: one more delivery attempt, returning
    /// the events it was given (those delivered are settled by it).
    /// </summary>
    public void SetLastChance(Func<List<CapturedEvent>, IEnumerable<CapturedEvent>> lastChance) => _lastChance = lastChance;

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
                originals.Add(captured.ToLogEvent());
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
            var kept = captured.Where(c => c.IsPending).Select(c => c.ToLogEvent()).ToList();
            if (kept.Count > 0)
                Report(kind, $"{message}; {kept.Count} event(s) kept for retry", kept, exception);
            return;
        }

        // Events already settled (delivered, or reported by the sink itself) are not reported again. Before
        // Serilog's batching gives the rest up — at shutdown, or after its retry time limit — they get one more
        // attempt, so that closing the logger delivers what it held rather than dropping it.
        var pending = captured.Where(c => c.IsPending).ToList();
        if (pending.Count == 0)
            return;
        var lastChance = _lastChance;
        if (lastChance is not null)
        {
            try
            {
                pending = lastChance(pending).Where(c => c.IsPending).ToList();
                message += "; a last attempt to deliver them failed too";
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("WorkflowTrace: the last attempt to deliver {0} event(s) failed: {1}", pending.Count, ex.Message);
            }
        }

        ReportFailed(pending, kind, message, exception);
    }

    void Report(LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        var text = "WorkflowTrace: " + message;
        // Written here rather than through SelfLog's own failure listener, which treats the message as a format
        // string and throws on the braces that Elasticsearch's reasons often contain.
        SelfLog.WriteLine("{0} ({1} event(s)){2}", $"{kind} failure: {text}", events?.Count ?? 0,
            exception is null ? "" : Environment.NewLine + exception);

        var listener = _listener;
        if (ReferenceEquals(listener, SelfLog.FailureListener))
            return;
        try
        {
            listener.OnLoggingFailed(this, kind, text, events, exception);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: the failure listener threw while being told \"{0}\": {1}", text, ex);
        }
    }
}
