namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// The seam between what the sink sends and how it reaches the cluster. Today one implementation sends over
/// pooled HTTP connections; a node pool with failover, retries or a disk buffer can wrap or replace it without
/// the sink changing.
/// </summary>
interface IElasticsearchTransport : IDisposable
{
    /// <summary>
    /// Sends one request and returns whatever status the server answered with. Throws
    /// <see cref="TransportException"/> when no answer came (connection refused or dropped, timeout).
    /// </summary>
    Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken);
}
