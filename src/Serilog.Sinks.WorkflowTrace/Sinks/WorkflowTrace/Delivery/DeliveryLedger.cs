using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Keeps the promise "delivered exactly once, or reported": counts the events the sink holds (for the queue
/// limit), settles each event exactly once as delivered or failed, and reports every failure to SelfLog and to the
/// failure listener, always with the application's own events.
/// </summary>
sealed class DeliveryLedger
{
    readonly SinkMonitor _monitor;
    ILoggingFailureListener _listener = SelfLog.FailureListener;
    readonly object _rejectionGate = new();
    int _held;
    int _rejecting;
    long _rejectedInEpisode;
    DateTimeOffset _rejectingSince;

    volatile bool _deliveryFailing;
    long _givenUp;
    long _givenUpAnswered;

    public DeliveryLedger(SinkMonitor? monitor = null) => _monitor = monitor ?? new SinkMonitor("(none)", int.MaxValue);

    /// <summary>The last delivery attempt failed, and its batch waits for a retry.</summary>
    public bool DeliveryFailing => _deliveryFailing;

    /// <summary>A batch was shipped: delivery works.</summary>
    public void DeliverySucceeded() => _deliveryFailing = false;

    /// <summary>A batch failed and waits for a retry, holding back what follows it.</summary>
    public void DeliveryFailed() => _deliveryFailing = true;

    /// <summary>Events given up so far — dropped for any reason and reported — by this sink.</summary>
    public long GivenUp => Interlocked.Read(ref _givenUp);

    /// <summary>Starts a flush: the count of events given up that earlier flushes have already answered for.</summary>
    public long BeginFlush() => Interlocked.Read(ref _givenUpAnswered);

    /// <summary>
    /// A flush's answer: true only when its events were shipped and no event was given up since
    /// <paramref name="answeredBefore"/> (<see cref="BeginFlush"/>) — an event dropped in the meantime was logged
    /// before the flush. A false answer covers the events given up so far: later flushes answer for later ones only.
    /// </summary>
    public bool AnswerFlush(bool shipped, long answeredBefore)
    {
        var observed = GivenUp;
        var answered = Interlocked.Read(ref _givenUpAnswered);
        while (answered < observed)
        {
            var seen = Interlocked.CompareExchange(ref _givenUpAnswered, observed, answered);
            if (seen == answered)
                break;
            answered = seen;
        }
        return shipped && observed == answeredBefore;
    }

    /// <summary>Events accepted and not yet settled.</summary>
    public int Held => Volatile.Read(ref _held);

    public void SetFailureListener(ILoggingFailureListener failureListener) =>
        _listener = failureListener ?? throw new ArgumentNullException(nameof(failureListener));

    public bool TryAdmit(int limit)
    {
        if (Interlocked.Increment(ref _held) <= limit)
        {
            if (Volatile.Read(ref _rejecting) != 0)
                EndRejections();
            return true;
        }
        Interlocked.Decrement(ref _held);
        return false;
    }

    /// <summary>
    /// Marks an event delivered; true when it was still pending. The caller gives the queue places of a request's
    /// delivered events back at once with <see cref="Delivered(int)"/>: the count the logging threads increment is
    /// then written by the sending thread once per request, not once per event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MarkDelivered(CapturedEvent captured) => captured.TryMarkDelivered();

    /// <summary><paramref name="count"/> events marked delivered (<see cref="MarkDelivered"/>) leave the queue.</summary>
    public void Delivered(int count)
    {
        if (count == 0)
            return;
        Interlocked.Add(ref _held, -count);
        _monitor.Sent(count);
    }

    /// <summary>
    /// <paramref name="count"/> events were written to the durable buffer: they leave memory, and are held again,
    /// read back, when they are shipped (<see cref="Readmit"/>).
    /// </summary>
    public void Spooled(int count) => Interlocked.Add(ref _held, -count);

    /// <summary><paramref name="count"/> events read back from the durable buffer are held until settled (the queue limit does not apply: they are on disk).</summary>
    public void Readmit(int count) => Interlocked.Add(ref _held, count);

    /// <summary><paramref name="count"/> events read back from the durable buffer stay there, unsettled, for the next sink on the same path.</summary>
    public void LeftInBuffer(int count) => Interlocked.Add(ref _held, -count);

    /// <summary>
    /// <paramref name="count"/> events of the durable buffer lost without being read — a file dropped for room, a
    /// line set aside as torn or corrupt — and reported there in a sentence: counted as given up and dropped.
    /// </summary>
    public void LostInBuffer(long count)
    {
        Interlocked.Add(ref _givenUp, count);
        _monitor.Dropped((int)Math.Min(int.MaxValue, count));
    }

    /// <summary>
    /// An event turned away because the queue is full. SelfLog hears once when dropping starts and once, with
    /// the count and the time span, when it ends (room again, or the sink closes) — not a line per event in an
    /// outage; the failure listener gets every event.
    /// </summary>
    public void ReportQueueFull(LogEvent original, int limit)
    {
        bool first;
        DateTimeOffset since;
        lock (_rejectionGate)
        {
            first = _rejecting == 0;
            if (first)
            {
                _rejectingSince = _monitor.Now;
                _rejectedInEpisode = 0;
                Volatile.Write(ref _rejecting, 1);
            }
            _rejectedInEpisode++;
            since = _rejectingSince;
        }

        _monitor.Dropped(1);
        Interlocked.Increment(ref _givenUp);
        if (first)
        {
            _monitor.DroppingSince = since;
            var message = $"the sink's queue is full ({limit} events waiting): events are dropped from {since:O} until there is room again. Raise queueLimit or check that Elasticsearch is reachable";
            _monitor.Error(message);
            SelfLog.WriteLine("WorkflowTrace: {0}", message);
        }

        Notify(LoggingFailureKind.Permanent, "WorkflowTrace: the sink's queue is full; the event was dropped", [original], null);
    }

    /// <summary>Ends a run of queue-full drops with one report: how many, and since when.</summary>
    public void EndRejections()
    {
        long count;
        DateTimeOffset since;
        lock (_rejectionGate)
        {
            if (_rejecting == 0)
                return;
            Volatile.Write(ref _rejecting, 0);
            count = _rejectedInEpisode;
            since = _rejectingSince;
        }

        _monitor.DroppingSince = null;
        SelfLog.WriteLine("WorkflowTrace: {0} event(s) were dropped because the queue was full, from {1:O} to {2:O}", count, since, _monitor.Now);
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
        {
            Interlocked.Add(ref _givenUp, originals.Count);
            _monitor.Dropped(originals.Count);
            _monitor.Error(message);
            Report(kind, message, originals, exception);
        }
    }

    /// <summary>An event the sink never accepted (queue full, disposed).</summary>
    public void ReportRejected(LogEvent original, string message)
    {
        Interlocked.Increment(ref _givenUp);
        _monitor.Dropped(1);
        Report(LoggingFailureKind.Permanent, message, [original], null);
    }

    /// <summary>
    /// A failed attempt whose events are kept for a retry: nothing is settled, but the failure listener hears of
    /// the trouble with the events concerned (<see cref="LoggingFailureKind.Temporary"/>).
    /// </summary>
    public void ReportKept(IEnumerable<CapturedEvent> events, string message, Exception? exception)
    {
        var kept = events.Where(c => c.IsPending).Select(c => c.ToLogEvent()).ToList();
        if (kept.Count > 0)
            Report(LoggingFailureKind.Temporary, $"{message}; {kept.Count} event(s) kept for retry", kept, exception);
    }

    void Report(LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        var text = "WorkflowTrace: " + message;
        // Written here rather than through SelfLog's own failure listener, which treats the message as a format
        // string and throws on the braces that Elasticsearch's reasons often contain.
        SelfLog.WriteLine("{0} ({1} event(s)){2}", $"{kind} failure: {text}", events?.Count ?? 0,
            exception is null ? "" : Environment.NewLine + exception);
        Notify(kind, text, events, exception);
    }

    void Notify(LoggingFailureKind kind, string text, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
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
