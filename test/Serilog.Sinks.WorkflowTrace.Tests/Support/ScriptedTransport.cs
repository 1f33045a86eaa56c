using System.Text;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// A transport below HTTP for delivery policy tests: <c>GET /</c> answers as Elasticsearch 8 does, and every
/// <c>_bulk</c> request gets what <see cref="Bulk"/> scripts for it (by the request's number, from 1). Records
/// the requests and how many were cancelled.
/// </summary>
sealed class ScriptedTransport : IElasticsearchTransport
{
    static readonly Uri Node = new("http://scripted:9200/");
    int _bulkCalls;
    int _cancelled;

    /// <summary>The answer to the n-th bulk request (n from 1) and its token; may wait, or throw.</summary>
    public required Func<int, CancellationToken, Task<TransportResponse>> Bulk { get; init; }

    public int BulkCalls => Volatile.Read(ref _bulkCalls);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public static TransportResponse Status(int status, string body = "{}") =>
        new(status, Encoding.UTF8.GetBytes(body), "application/json", Node);

    /// <summary>Never answers; ends only when the request is cancelled.</summary>
    public static async Task<TransportResponse> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        if (!request.PathAndQuery.StartsWith("_bulk", StringComparison.Ordinal))
            return Status(200, """{"version":{"number":"8.15.0"}}""");
        var call = Interlocked.Increment(ref _bulkCalls);
        try
        {
            return await Bulk(call, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }

    public void Dispose()
    {
    }
}
