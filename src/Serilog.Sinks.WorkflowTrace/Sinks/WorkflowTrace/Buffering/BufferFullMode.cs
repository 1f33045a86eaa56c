namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>What the buffer does when its segments together reach the size limit.</summary>
enum BufferFullMode
{
    /// <summary>The oldest segment is deleted, its unshipped events counted and reported as dropped.</summary>
    DropOldest,

    /// <summary>New events are refused, counted and reported, until shipping makes room.</summary>
    RefuseNew,
}
