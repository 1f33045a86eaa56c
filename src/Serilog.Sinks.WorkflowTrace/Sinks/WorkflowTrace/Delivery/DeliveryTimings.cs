namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>The delivery loop's sizes and times, from the validated settings.</summary>
sealed record DeliveryTimings(
    int BufferSize,
    TimeSpan FlushInterval,
    TimeSpan RequestTimeout,
    TimeSpan RetryTimeLimit,
    TimeSpan ShutdownTimeout);
