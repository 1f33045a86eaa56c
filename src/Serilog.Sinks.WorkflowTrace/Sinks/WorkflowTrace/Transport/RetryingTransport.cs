using System.Runtime.ExceptionServices;
using Polly;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Retries a request that got no answer or a "try again" status (<see cref="StatusPolicy.RetryRequest"/>) up to <c>maxRetries</c>
/// times, with exponential back-off and jitter, before the failure reaches the batch (which Serilog then retries
/// later with its own, longer back-off). Other statuses are answers and are returned at once.
/// </summary>
sealed class RetryingTransport : IElasticsearchTransport
{
    readonly IElasticsearchTransport _inner;
    readonly ResiliencePipeline<TransportResponse> _pipeline;

    public RetryingTransport(IElasticsearchTransport inner, int maxRetries, TimeSpan baseDelay, TimeProvider? time = null, SinkMonitor? monitor = null)
    {
        _inner = inner;
        _pipeline = Backoff.Pipeline<TransportResponse>(
            maxRetries,
            baseDelay,
            time ?? TimeProvider.System,
            new PredicateBuilder<TransportResponse>()
                .Handle<TransportException>()
                .HandleResult(response => StatusPolicy.RetryRequest(response.StatusCode)),
            arguments =>
            {
                var cause = arguments.Outcome.Exception?.Message
                            ?? $"status {arguments.Outcome.Result?.StatusCode} from {arguments.Outcome.Result?.Node}";
                SelfLog.WriteLine("WorkflowTrace: request failed ({0}); retry {1} in {2:0} ms",
                    cause, $"{arguments.AttemptNumber + 1} of {maxRetries}", arguments.RetryDelay.TotalMilliseconds);
                monitor?.Error("request failed: " + cause);
                if (arguments.Context.Properties.TryGetValue(DocumentsKey, out var documents))
                    monitor?.Retried(documents);
                return default;
            });
    }

    static readonly ResiliencePropertyKey<int> DocumentsKey = new("workflowtrace.documents");

    /// <remarks>
    /// The first attempt goes straight to the inner transport; Polly's retry takes over only when it failed, and
    /// then sees that attempt's outcome as its own first one (same attempt count, delays and logging). The path
    /// almost every request takes runs none of the pipeline's machinery, which in a burst is also code the runtime
    /// would otherwise have to compile and recompile while the application logs.
    /// </remarks>
    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        TransportResponse? response = null;
        ExceptionDispatchInfo? failure = null;
        try
        {
            response = await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        if (failure is null && !StatusPolicy.RetryRequest(response!.StatusCode))
            return response;
        return await RetryAsync(request, response, failure, cancellationToken).ConfigureAwait(false);
    }

    async Task<TransportResponse> RetryAsync(TransportRequest request, TransportResponse? firstResponse, ExceptionDispatchInfo? firstFailure, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(DocumentsKey, request.Documents);
            var first = true;
            return await _pipeline.ExecuteAsync(
                async context =>
                {
                    if (first)
                    {
                        first = false;
                        firstFailure?.Throw();
                        return firstResponse!;
                    }
                    return await _inner.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _inner.Dispose();
}
