namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>The order of entries a search streams.</summary>
public enum TraceOrder
{
    /// <summary>Oldest first; events of one thread keep their order.</summary>
    OldestFirst,

    /// <summary>Newest first; events of one thread in reverse order.</summary>
    NewestFirst,
}
