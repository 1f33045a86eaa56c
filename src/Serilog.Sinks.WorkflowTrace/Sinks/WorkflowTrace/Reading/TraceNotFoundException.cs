namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>No entry of the run was found in the trace indices.</summary>
public sealed class TraceNotFoundException : TraceReadException
{
    /// <summary>The run that was looked for, and where.</summary>
    public TraceNotFoundException(string runId, string index)
        : base($"Trace with run id '{runId}' not found in Elasticsearch index '{index}'.")
    {
        RunId = runId;
        Index = index;
    }

    /// <summary>The run looked for.</summary>
    public string RunId { get; }

    /// <summary>The index name or pattern searched.</summary>
    public string Index { get; }
}
