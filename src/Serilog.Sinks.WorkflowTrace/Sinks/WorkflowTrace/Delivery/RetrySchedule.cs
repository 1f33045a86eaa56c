using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// When the delivery loop tries a failed batch again, and when it gives up, after Serilog's
/// <c>FailureAwareBatchScheduler</c>: the first retry after the flush interval (at most five seconds, so that a
/// long interval does not hold a failed batch for as long), then doubling up to a minute; once a failure streak
/// has lasted <c>retryTimeLimit</c>, the batch is given up (and reported). A success ends the streak.
/// </summary>
sealed class RetrySchedule
{
    readonly TimeSpan _flushInterval;
    readonly TimeSpan _retryTimeLimit;
    readonly TimeProvider _time;
    long? _firstFailure;
    int _failures;

    public RetrySchedule(TimeSpan flushInterval, TimeSpan retryTimeLimit, TimeProvider time)
    {
        _flushInterval = flushInterval;
        _retryTimeLimit = retryTimeLimit;
        _time = time;
    }

    /// <summary>How long the loop waits before trying the failed batch again.</summary>
    public TimeSpan NextDelay
    {
        get
        {
            var first = Math.Min(_flushInterval.Ticks, WorkflowTraceDefaults.FirstBatchRetryCeiling.Ticks);
            var factor = Math.Pow(2, Math.Clamp(_failures - 1, 0, 20));
            return TimeSpan.FromTicks((long)Math.Min(first * factor, Math.Max(first, WorkflowTraceDefaults.MaxBackoff.Ticks)));
        }
    }

    /// <summary>How long the current failure streak has lasted.</summary>
    public TimeSpan FailingFor => _firstFailure is { } first ? _time.GetElapsedTime(first) : TimeSpan.Zero;

    public void MarkSuccess()
    {
        _failures = 0;
        _firstFailure = null;
    }

    /// <summary>Counts a failed attempt; true when the batch is to be given up rather than tried again.</summary>
    public bool MarkFailure()
    {
        _failures++;
        _firstFailure ??= _time.GetTimestamp();
        return FailingFor + NextDelay >= _retryTimeLimit;
    }
}
