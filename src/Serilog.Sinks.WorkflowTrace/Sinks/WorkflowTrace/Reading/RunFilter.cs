namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>Which runs <see cref="WorkflowTraceReader.ListRunsAsync"/> lists; every value given must hold (null: any).</summary>
public sealed record RunFilter
{
    /// <summary>Only runs of this <c>workflow_name</c>.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Only runs with an entry at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only runs with an entry before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only runs with this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only runs of this <c>tenant_id</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only runs in this <c>environment</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>Only runs with entries of this <c>user_id</c>.</summary>
    public string? UserId { get; init; }

    /// <summary>Only the children of this run (<c>parent_run_id</c>).</summary>
    public string? ParentRunId { get; init; }
}
