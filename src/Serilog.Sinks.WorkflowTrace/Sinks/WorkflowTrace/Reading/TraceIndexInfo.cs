namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One trace index (or backing index of the trace data stream).</summary>
/// <param name="Name">The index's name.</param>
/// <param name="Health"><c>green</c>, <c>yellow</c> or <c>red</c>.</param>
/// <param name="Documents">Documents it holds.</param>
/// <param name="SizeBytes">Its size on disk, replicas included.</param>
/// <param name="CreatedAt">When it was created, when the cluster says.</param>
public sealed record TraceIndexInfo(string Name, string? Health, long Documents, long SizeBytes, DateTimeOffset? CreatedAt);
