namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>How the reader reads; the connection itself comes from the sink's settings.</summary>
public sealed class WorkflowTraceReaderOptions
{
    /// <summary>Entries asked for per search request. Default 1,000; at most 10,000.</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>How long the cluster keeps a point in time (or scroll) open between two pages. Default one minute.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Told of every document that could not be read as a trace entry (the rest is still read). Default: none;
    /// each is also written to Serilog's SelfLog.
    /// </summary>
    public Action<MalformedTraceDocument>? OnMalformedDocument { get; set; }
}
