namespace Serilog.Sinks.WorkflowTrace.Diagnostics;

/// <summary>
/// What the monitor reads about the cluster's nodes. The transport's node pool implements it, so diagnostics,
/// which the transport reports into, need not know the transport.
/// </summary>
interface INodeStatusSource
{
    /// <summary>Nodes taking traffic now.</summary>
    int LiveCount { get; }

    /// <summary>Each node's state, for <see cref="WorkflowTraceStatus.Nodes"/>.</summary>
    IReadOnlyList<WorkflowTraceNodeStatus> Snapshot();
}
