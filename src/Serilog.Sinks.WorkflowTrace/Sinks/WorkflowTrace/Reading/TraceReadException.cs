namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reading traces failed. The subclasses say why (a missing run or index, an unreachable cluster, refused
/// credentials, a search timeout); this class itself covers any other answer Elasticsearch gave, with its status.
/// Messages never carry credentials.
/// </summary>
public class TraceReadException : Exception
{
    /// <summary>A failure with its message.</summary>
    public TraceReadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>A failure Elasticsearch answered with this status.</summary>
    public TraceReadException(string message, int statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status Elasticsearch answered with, when it answered.</summary>
    public int? StatusCode { get; }
}
