namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// No answer came from the node: connection refused or dropped, DNS failure, TLS failure, timeout. The message
/// names the node and the cause, never a credential.
/// </summary>
sealed class TransportException : Exception
{
    public TransportException(Uri node, string message, Exception? inner)
        : base($"Elasticsearch node {node} did not answer: {message}", inner)
    {
        Node = node;
    }

    public Uri Node { get; }
}
