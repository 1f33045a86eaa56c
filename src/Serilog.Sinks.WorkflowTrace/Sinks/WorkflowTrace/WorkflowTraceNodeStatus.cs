namespace Serilog.Sinks.WorkflowTrace;

/// <summary>One Elasticsearch node as the sink sees it at the moment of the snapshot.</summary>
/// <param name="Uri">The node's URL (never with credentials).</param>
/// <param name="IsAlive">Whether the node takes traffic.</param>
/// <param name="DeadUntil">For a dead node, when it will be pinged and, if it answers, take traffic again.</param>
/// <param name="FailedAttempts">Consecutive failures; zero for a live node.</param>
/// <param name="LastFailure">Why a dead node was taken out of rotation.</param>
public sealed record WorkflowTraceNodeStatus(Uri Uri, bool IsAlive, DateTimeOffset? DeadUntil, int FailedAttempts, string? LastFailure);
