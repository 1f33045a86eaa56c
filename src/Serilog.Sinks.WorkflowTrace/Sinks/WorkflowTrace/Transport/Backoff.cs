using Polly;
using Polly.Retry;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// The one back-off both retry levels use (whole requests, and items answered "try again"): Polly's retry with
/// exponential delays from a base, jitter, and a 30 s ceiling, <c>maxRetries</c> times.
/// </summary>
static class Backoff
{
    public static ResiliencePipeline<T> Pipeline<T>(
        int maxRetries,
        TimeSpan baseDelay,
        TimeProvider time,
        Func<RetryPredicateArguments<T>, ValueTask<bool>> shouldHandle,
        Func<OnRetryArguments<T>, ValueTask> onRetry)
    {
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = time };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = WorkflowTraceDefaults.MaxRetryDelay,
                ShouldHandle = shouldHandle,
                OnRetry = onRetry,
            });
        }
        return builder.Build();
    }
}
