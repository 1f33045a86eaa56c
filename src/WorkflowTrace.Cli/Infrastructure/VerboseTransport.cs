using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>With <c>--verbose</c>: each request the reader makes, written to standard error as it completes.</summary>
sealed class VerboseTransport(IElasticsearchTransport inner, TextWriter log) : IElasticsearchTransport
{
    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"> {request.Method} /{request.PathAndQuery} ({request.Body.Length} B) -> {response.StatusCode} from {response.Node} in {clock.ElapsedMilliseconds} ms, {response.Body.Length} B").ConfigureAwait(false);
            return response;
        }
        catch (Exception failed)
        {
            await log.WriteLineAsync($"> {request.Method} /{request.PathAndQuery} failed after {clock.ElapsedMilliseconds} ms: {failed.Message}").ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => inner.Dispose();
}
