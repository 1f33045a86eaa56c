namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>The trace index (or every index of a time-based name) does not exist.</summary>
public sealed class TraceIndexMissingException : TraceReadException
{
    /// <summary>The index name or pattern that does not exist.</summary>
    public TraceIndexMissingException(string index)
        : base($"The trace index '{index}' does not exist. Has the sink written to this cluster yet? " +
               "The reader reads the index the sink's indexName (and dataStream) settings name: give it the same settings.", 404)
    {
        Index = index;
    }

    /// <summary>The index name or pattern that does not exist.</summary>
    public string Index { get; }
}
