using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>What one request left unsettled: documents answered "try again", and the first reason given.</summary>
sealed record ChunkOutcome(List<CapturedEvent> Retryable, string? FirstReason)
{
    public static ChunkOutcome None => new([], null);

    public ChunkOutcome Merge(ChunkOutcome other)
    {
        Retryable.AddRange(other.Retryable);
        return this with { FirstReason = FirstReason ?? other.FirstReason };
    }
}
