namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>The delivery loop's sizes and times, from the validated settings.</summary>
sealed record DeliveryTimings(
    int BufferSize,
    TimeSpan FlushInterval,
    TimeSpan RequestTimeout,
    TimeSpan RetryTimeLimit,
    TimeSpan ShutdownTimeout)
{
    /// <summary>
    /// The longest a batch waits for a bootstrap attempt in the modes that ship meanwhile: the flush interval, at
    /// least a second (a healthy cluster installs the template well within it), at most one request timeout.
    /// </summary>
    public TimeSpan BootstrapWait => TimeSpan.FromTicks(Math.Min(RequestTimeout.Ticks, Math.Max(FlushInterval.Ticks, TimeSpan.TicksPerSecond)));
}
