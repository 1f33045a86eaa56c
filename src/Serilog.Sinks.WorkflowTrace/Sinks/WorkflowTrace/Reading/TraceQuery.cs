namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Which entries a search, count or aggregation reads. Every value given must hold (null or empty: any); combine
/// them freely with <c>with</c> or the fluent methods: <c>TraceQuery.All.ForWorkflow("etl").Errors().InLast(TimeSpan.FromDays(1))</c>.
/// </summary>
public sealed record TraceQuery
{
    /// <summary>The levels that count as errors: <c>error</c>, <c>critical</c> and the Python producer's <c>exception</c>.</summary>
    public static IReadOnlyList<string> ErrorLevels { get; } = ["error", "critical", "exception"];

    /// <summary>Whether <paramref name="level"/> is one of <see cref="ErrorLevels"/> (what <see cref="TraceEntry.IsError"/> asks per entry).</summary>
    internal static bool IsErrorLevel(string? level) => level is "error" or "critical" or "exception";

    /// <summary>Every entry.</summary>
    public static TraceQuery All { get; } = new();

    /// <summary>Only entries of this <c>workflow_name</c>.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Only entries of this <c>stage_name</c>.</summary>
    public string? StageName { get; init; }

    /// <summary>Only entries of this <c>job_name</c>.</summary>
    public string? JobName { get; init; }

    /// <summary>Only entries of these levels, as stored (<c>info</c>, <c>error</c>, ...).</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only entries before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only entries of the last span of time, counted back from the cluster's "now" when the query runs.</summary>
    public TimeSpan? Last { get; init; }

    /// <summary>Only entries of this <c>user_id</c>.</summary>
    public string? UserId { get; init; }

    /// <summary>Only entries of this <c>tenant_id</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only entries in this <c>environment</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>Only entries with at least one of these tags.</summary>
    public IReadOnlyList<string> AnyTags { get; init; } = [];

    /// <summary>Only entries with every one of these tags.</summary>
    public IReadOnlyList<string> AllTags { get; init; } = [];

    /// <summary>Only entries of this run (<c>run_id</c>).</summary>
    public string? RunId { get; init; }

    /// <summary>Only entries whose <c>message</c> or <c>exception_message</c> matches this text (full-text match).</summary>
    public string? Text { get; init; }

    /// <summary>This query, for one workflow.</summary>
    public TraceQuery ForWorkflow(string workflowName) => this with { WorkflowName = workflowName };

    /// <summary>This query, for one stage.</summary>
    public TraceQuery ForStage(string stageName) => this with { StageName = stageName };

    /// <summary>This query, for one job.</summary>
    public TraceQuery ForJob(string jobName) => this with { JobName = jobName };

    /// <summary>This query, for one run.</summary>
    public TraceQuery ForRun(string runId) => this with { RunId = runId };

    /// <summary>This query, for one user.</summary>
    public TraceQuery ForUser(string userId) => this with { UserId = userId };

    /// <summary>This query, for one tenant.</summary>
    public TraceQuery ForTenant(string tenantId) => this with { TenantId = tenantId };

    /// <summary>This query, in one environment.</summary>
    public TraceQuery InEnvironment(string environment) => this with { Environment = environment };

    /// <summary>This query, at these levels only.</summary>
    public TraceQuery AtLevels(params string[] levels) => this with { Levels = levels };

    /// <summary>
    /// This query, errors only, as <see cref="TraceEntry.IsError"/> sees them: a level of <see cref="ErrorLevels"/>, or
    /// the newer Python producer's <c>error_flag</c> (where the index maps it). <c>AtLevels(...)</c> with the same
    /// levels selects by level alone.
    /// </summary>
    public TraceQuery Errors() => this with { Levels = ErrorLevels };

    /// <summary>This query, from a time on.</summary>
    public TraceQuery SinceTime(DateTimeOffset since) => this with { Since = since };

    /// <summary>This query, between two times (the end excluded).</summary>
    public TraceQuery Between(DateTimeOffset since, DateTimeOffset until) => this with { Since = since, Until = until };

    /// <summary>This query, over the last span of time ("the last 24 hours").</summary>
    public TraceQuery InLast(TimeSpan span) => this with { Last = span };

    /// <summary>This query, with at least one of these tags.</summary>
    public TraceQuery WithAnyTag(params string[] tags) => this with { AnyTags = tags };

    /// <summary>This query, with all of these tags.</summary>
    public TraceQuery WithAllTags(params string[] tags) => this with { AllTags = tags };

    /// <summary>This query, matching a text in <c>message</c> or <c>exception_message</c>.</summary>
    public TraceQuery Containing(string text) => this with { Text = text };
}
