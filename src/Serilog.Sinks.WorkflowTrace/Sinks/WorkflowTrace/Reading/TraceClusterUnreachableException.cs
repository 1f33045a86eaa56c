namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>No node of the cluster answered.</summary>
public sealed class TraceClusterUnreachableException : TraceReadException
{
    /// <summary>The nodes tried (without credentials) and the last failure.</summary>
    public TraceClusterUnreachableException(IReadOnlyList<Uri> nodes, Exception? innerException)
        : base($"No Elasticsearch node answered ({string.Join(", ", nodes)})" +
               (innerException is null ? "." : $": {innerException.Message}"), innerException)
    {
        Nodes = nodes;
    }

    /// <summary>The nodes tried, without credentials.</summary>
    public IReadOnlyList<Uri> Nodes { get; }
}
