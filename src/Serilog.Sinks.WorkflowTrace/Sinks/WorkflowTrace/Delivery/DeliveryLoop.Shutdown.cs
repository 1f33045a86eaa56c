using Serilog.Core;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Closing: the loop drains the queue without waiting for intervals or back-off; a batch that fails twice ends
/// the drain. Shortly before <c>shutdownTimeout</c> the requests in flight are cancelled. Whatever is not
/// delivered then — the batch in flight and everything queued — is reported to the failure listener and SelfLog,
/// with the count and the reason, and <see cref="Dispose"/>/<see cref="DisposeAsync"/> return: within the
/// timeout, plus whatever time the failure listener itself takes to receive the events.
/// </summary>
sealed partial class DeliveryLoop : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The part of <c>shutdownTimeout</c> kept for ending: requests in flight are cancelled this long before it,
    /// half of it is left to the loop to see the cancellation, half to reporting what is left. A fifth of the
    /// timeout, at most two seconds.
    /// </summary>
    TimeSpan Reserve => TimeSpan.FromTicks(Math.Min(_timings.ShutdownTimeout.Ticks / 5, 2 * TimeSpan.TicksPerSecond));

    volatile bool _stopping;
    int _stopped;
    string? _stopReason;
    string? _lastError;

    string LastErrorClause() => Volatile.Read(ref _lastError) is { } error ? "; last error: " + error : "";

    bool BeginStop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return false;
        _stopping = true;
        _deadline.CancelAfter(_timings.ShutdownTimeout - Reserve);
        Wake();
        return true;
    }

    public void Dispose()
    {
        if (!BeginStop())
            return;
        bool ended;
        try
        {
            ended = _run.Wait(_timings.ShutdownTimeout - Reserve / 2);
        }
        catch (AggregateException)
        {
            ended = true;
        }
        EndStop(ended);
    }

    public async ValueTask DisposeAsync()
    {
        if (!BeginStop())
            return;
        var ended = await Task.WhenAny(_run, Task.Delay(_timings.ShutdownTimeout - Reserve / 2)).ConfigureAwait(false) == _run;
        EndStop(ended);
    }

    void EndStop(bool loopEnded)
    {
        try
        {
            ReportLeftovers(loopEnded);
            _ledger.EndRejections();
            CompleteSettledFlushes();
            FailWaitingFlushes();
            if (_ledger.Held > 0)
                SelfLog.WriteLine("WorkflowTrace: the sink closed with {0} event(s) neither delivered nor reported", _ledger.Held);
        }
        catch (Exception ex)
        {
            // Closing the logger must not throw into the application.
            SelfLog.WriteLine("WorkflowTrace: reporting undelivered events at shutdown failed: {0}", ex);
        }
        finally
        {
            // Ends a bootstrap attempt still running in the background, and a loop that has not seen the deadline
            // yet. Such a loop may still be writing a request body: its pooled buffer is left to the collector then.
            _deadline.Cancel();
            if (loopEnded)
                _shipper.Dispose();
            _monitor.Dispose();
        }
    }

    void ReportLeftovers(bool loopEnded)
    {
        var unsettled = new List<CapturedEvent>();
        if (Volatile.Read(ref _batch) is { } batch)
        {
            foreach (var captured in batch)
            {
                if (captured.IsPending)
                    unsettled.Add(captured);
            }
        }
        var reason = _stopReason ?? (loopEnded
            ? "the sink was closed before they could be delivered" + LastErrorClause()
            : $"the shutdownTimeout ({_timings.ShutdownTimeout.TotalSeconds:0.###} s) passed while they were being delivered{LastErrorClause()}");
        _source.Close(unsettled, reason);
    }
}
