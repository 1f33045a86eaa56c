namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Elasticsearch answered the whole bulk request with an error status (or an unreadable body). Thrown out of the
/// batch so that Serilog's batching retries it later; the documents keep their ids, so nothing arrives twice.
/// </summary>
sealed class BulkRequestException : Exception
{
    public BulkRequestException(int statusCode, Uri node, string description)
        : base($"Elasticsearch node {node} rejected the bulk request with status {statusCode}: {description}")
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
