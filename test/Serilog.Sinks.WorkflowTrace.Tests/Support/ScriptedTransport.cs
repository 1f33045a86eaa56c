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

    /// <summary>The answer to a bulk request, given it, its number (from 1) and its token; may wait, or throw.</summary>
    public required Func<TransportRequest, int, CancellationToken, Task<TransportResponse>> Bulk { get; init; }

    /// <summary>The answer to any other request (its path); by default Elasticsearch 8's answer to <c>GET /</c>.</summary>
    public Func<TransportRequest, TransportResponse> Other { get; init; } = _ => Status(200, """{"version":{"number":"8.15.0"}}""");

    public int BulkCalls => Volatile.Read(ref _bulkCalls);

    /// <summary>Requests other than <c>_bulk</c> whose path contains <paramref name="part"/>.</summary>
    public int OtherCalls(string part)
    {
        lock (_others)
            return _others.Count(p => p.Contains(part, StringComparison.Ordinal));
    }

    readonly List<string> _others = [];

    public int Cancelled => Volatile.Read(ref _cancelled);

    public static TransportResponse Status(int status, string body = "{}") =>
        new(status, Encoding.UTF8.GetBytes(body), "application/json", Node);

    /// <summary>Never answers; ends only when the request is cancelled.</summary>
    public static async Task<TransportResponse> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Answers every bulk request with one 201 item per document.</summary>
    public static Task<TransportResponse> Accept(TransportRequest request) =>
        Task.FromResult(Status(200, "{\"errors\":false,\"items\":[" + string.Join(",", Enumerable.Repeat("{\"create\":{\"status\":201}}", request.Documents)) + "]}"));

    /// <summary>A bulk answer with one item per status, in order (create actions; an error for any status not 2xx).</summary>
    public static TransportResponse Items(IEnumerable<int> statuses)
    {
        var items = statuses.Select(status => status is >= 200 and < 300
            ? $"{{\"create\":{{\"status\":{status}}}}}"
            : $"{{\"create\":{{\"status\":{status},\"error\":{{\"type\":\"{ErrorType(status)}\",\"reason\":\"scripted {status}\"}}}}}}").ToList();
        var errors = items.Any(i => i.Contains("\"error\"", StringComparison.Ordinal)) ? "true" : "false";
        return Status(200, $"{{\"errors\":{errors},\"items\":[{string.Join(",", items)}]}}");
    }

    static string ErrorType(int status) => status switch
    {
        400 => "mapper_parsing_exception",
        403 => "security_exception",
        409 => "version_conflict_engine_exception",
        429 => "es_rejected_execution_exception",
        _ => "scripted_exception",
    };

    /// <summary>The document lines of a bulk request body (every second line, after its action line).</summary>
    public static IReadOnlyList<string> Documents(TransportRequest request) =>
        Encoding.UTF8.GetString(request.Body.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1).ToList();

    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        if (!request.PathAndQuery.StartsWith("_bulk", StringComparison.Ordinal))
        {
            lock (_others)
                _others.Add(request.PathAndQuery);
            return Other(request);
        }
        var call = Interlocked.Increment(ref _bulkCalls);
        try
        {
            return await Bulk(request, call, cancellationToken);
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
