namespace Serilog.Sinks.WorkflowTrace;

/// <summary>What the durable buffer (<c>bufferPath</c>) does when its files reach <c>bufferSizeLimitBytes</c>.</summary>
public enum WorkflowTraceBufferFullMode
{
    /// <summary>
    /// Delete the oldest file, with the events in it that were not shipped yet, to make room for new ones; each
    /// event lost so is counted and reported (SelfLog, <c>EventsDropped</c>).
    /// </summary>
    DropOldest,

    /// <summary>Keep what is on disk and refuse new events until shipping makes room; each refused event is reported to the failure listener.</summary>
    RefuseNew,
}
