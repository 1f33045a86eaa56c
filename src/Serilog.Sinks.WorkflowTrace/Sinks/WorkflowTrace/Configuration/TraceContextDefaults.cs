namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// The Python handler's "extras": values written into a document when the event carries no property of its own.
/// </summary>
sealed class TraceContextDefaults
{
    public string? RunId { get; init; }
    public string? ParentRunId { get; init; }
    public string? WorkflowName { get; init; }
    public string? StageName { get; init; }
    public string? JobName { get; init; }
    public string? TraceId { get; init; }
    public string? SpanId { get; init; }
    public string? UserId { get; init; }
    public string? TenantId { get; init; }
    public string? Environment { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? PackageVersion { get; init; }
}
