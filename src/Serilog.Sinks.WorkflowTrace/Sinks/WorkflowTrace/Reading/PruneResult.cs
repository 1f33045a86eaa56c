namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>What pruning old trace indices did, or would do unless confirmed.</summary>
/// <param name="Indices">The indices older than the date given.</param>
/// <param name="Deleted">Whether they were deleted (only when confirmed).</param>
public sealed record PruneResult(IReadOnlyList<TraceIndexInfo> Indices, bool Deleted);
