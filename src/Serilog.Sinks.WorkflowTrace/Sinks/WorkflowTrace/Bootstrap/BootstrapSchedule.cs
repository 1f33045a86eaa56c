using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>
/// When the index bootstrap is attempted: at start, then after each failure on a back-off of its own (from the
/// flush interval, doubling, up to a minute), one attempt at a time, in the background. Shipping never waits for
/// it except as the mode says: <see cref="WorkflowTraceBootstrapMode.Failure"/> holds events until an attempt has
/// succeeded; the other modes ship meanwhile (the delivery loop waits for the very first attempt at most one
/// request timeout, so that the template normally exists before the first document).
/// </summary>
sealed class BootstrapSchedule
{
    readonly IndexBootstrapper _bootstrapper;
    readonly TimeSpan _firstDelay;
    readonly TimeProvider _time;
    readonly Action<string> _error;
    readonly object _gate = new();
    Task? _attempt;
    DateTimeOffset _nextAttemptAt = DateTimeOffset.MinValue;
    int _failures;
    string? _lastFailure;

    public BootstrapSchedule(IndexBootstrapper bootstrapper, TimeSpan firstDelay, TimeProvider time, Action<string> error)
    {
        _bootstrapper = bootstrapper;
        _firstDelay = firstDelay;
        _time = time;
        _error = error;
    }

    public bool IsReady => _bootstrapper.IsReady;

    /// <summary>True while events must wait for the template (<see cref="WorkflowTraceBootstrapMode.Failure"/>).</summary>
    public bool HoldsEvents => _bootstrapper.Mode == WorkflowTraceBootstrapMode.Failure && !IsReady;

    /// <summary>Why the last attempt failed; null before any failure.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>How long until the next attempt is due (zero when due now or one is running).</summary>
    public TimeSpan UntilNextAttempt
    {
        get
        {
            lock (_gate)
            {
                var left = _nextAttemptAt - _time.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// Starts an attempt when one is due and none is running; returns the attempt running, or null when there is
    /// none (ready, or waiting for the next due time). Never waits for the attempt itself.
    /// </summary>
    public Task? Poll(CancellationToken cancellationToken)
    {
        if (IsReady)
            return null;
        lock (_gate)
        {
            if (_attempt is { IsCompleted: false })
                return _attempt;
            if (_time.GetUtcNow() < _nextAttemptAt)
                return null;
            _attempt = Task.Run(() => AttemptAsync(cancellationToken), CancellationToken.None);
            return _attempt;
        }
    }

    async Task AttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _bootstrapper.AttemptAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The sink is closing: nothing more to try.
        }
        catch (Exception ex)
        {
            TimeSpan delay;
            lock (_gate)
            {
                _failures++;
                var factor = Math.Pow(2, Math.Min(_failures - 1, 20));
                delay = TimeSpan.FromTicks((long)Math.Min(_firstDelay.Ticks * factor, WorkflowTraceDefaults.MaxBackoff.Ticks));
                _nextAttemptAt = _time.GetUtcNow() + delay;
            }
            Volatile.Write(ref _lastFailure, ex.Message);
            switch (_bootstrapper.Mode)
            {
                case WorkflowTraceBootstrapMode.Silent:
                    SelfLog.WriteLine("WorkflowTrace: index bootstrap failed; events are shipped anyway and it is tried again with the next batch after {0:0.#} s: {1}",
                        delay.TotalSeconds, ex.Message);
                    _error("index bootstrap failed: " + ex.Message);
                    break;
                case WorkflowTraceBootstrapMode.Failure:
                    SelfLog.WriteLine("WorkflowTrace: index bootstrap failed; events wait for it (bootstrapMode Failure) and it is tried again in {0:0.#} s: {1}",
                        delay.TotalSeconds, ex.Message);
                    _error("index bootstrap failed; events wait for it (bootstrapMode Failure): " + ex.Message);
                    break;
            }
        }
    }
}
