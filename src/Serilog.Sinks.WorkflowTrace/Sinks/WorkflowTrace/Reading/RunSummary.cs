namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One run at a glance, as <see cref="WorkflowTraceReader.ListRunsAsync"/> lists it.</summary>
public sealed record RunSummary
{
    /// <summary><c>run_id</c>.</summary>
    public required string RunId { get; init; }

    /// <summary><c>parent_run_id</c>, when the run is a child of another.</summary>
    public string? ParentRunId { get; init; }

    /// <summary><c>workflow_name</c> of the run's entries (the most frequent one, should they differ).</summary>
    public string? WorkflowName { get; init; }

    /// <summary><c>tenant_id</c> of the run's entries, if any.</summary>
    public string? TenantId { get; init; }

    /// <summary><c>environment</c> of the run's entries, if any.</summary>
    public string? Environment { get; init; }

    /// <summary><c>user_id</c> of the run's entries, if any.</summary>
    public string? UserId { get; init; }

    /// <summary>The time of the run's first entry.</summary>
    public DateTimeOffset FirstTime { get; init; }

    /// <summary>The time of the run's last entry.</summary>
    public DateTimeOffset LastTime { get; init; }

    /// <summary>From the first entry to the last.</summary>
    public TimeSpan Duration => LastTime - FirstTime;

    /// <summary>How many entries the run has.</summary>
    public long Entries { get; init; }

    /// <summary>How many of them are errors (see <see cref="TraceEntry.IsError"/>).</summary>
    public long Errors { get; init; }

    /// <summary>How the run went.</summary>
    public RunStatus Status { get; init; }

    /// <summary>
    /// The one rule for a run's status, whether its entries were counted here or by the cluster: failed with any
    /// error, succeeded when a stage or job closed (an entry with <c>duration_ms</c>) and none failed, else unknown.
    /// </summary>
    internal static RunStatus StatusOf(long errors, bool stepClosed) =>
        errors > 0 ? RunStatus.Failed : stepClosed ? RunStatus.Succeeded : RunStatus.Unknown;
}
