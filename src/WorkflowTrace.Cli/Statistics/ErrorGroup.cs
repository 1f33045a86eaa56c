namespace WorkflowTrace.Cli.Statistics;

/// <summary>The errors of one workflow with one exception type, as <c>workflow-trace errors</c> lists them.</summary>
/// <param name="Workflow">The <c>workflow_name</c>; <c>(none)</c> for entries without one.</param>
/// <param name="ExceptionType">The <c>exception_type</c>; <c>(none)</c> for error entries without an exception.</param>
/// <param name="Count">How many error entries.</param>
/// <param name="LastSeen">The time of the latest of them.</param>
/// <param name="SampleMessage">The latest one's exception message (its message when it has none).</param>
/// <param name="RunsAffected">How many distinct runs they belong to.</param>
/// <param name="LastRunId">The run of the latest of them, to look at with <c>show</c>.</param>
sealed record ErrorGroup(string Workflow, string ExceptionType, long Count, DateTimeOffset? LastSeen, string? SampleMessage, int RunsAffected, string? LastRunId);
