namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>A search did not finish within the configured timeout, on the cluster or on the way to it.</summary>
public sealed class TraceSearchTimeoutException : TraceReadException
{
    /// <summary>A search that timed out, with what was being read.</summary>
    public TraceSearchTimeoutException(string operation, TimeSpan timeout, Exception? innerException = null)
        : base($"{operation} did not finish within the timeout of {timeout.TotalSeconds:0.###} s; narrow the query or raise the timeout setting.", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}
