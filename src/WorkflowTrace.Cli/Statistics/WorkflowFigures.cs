namespace WorkflowTrace.Cli.Statistics;

/// <summary>One workflow's row of <c>workflow-trace stats</c>.</summary>
/// <param name="Workflow">The <c>workflow_name</c>.</param>
/// <param name="Runs">Distinct runs with entries in the range (Elasticsearch's cardinality: an estimate above 3,000).</param>
/// <param name="Entries">Entries in the range.</param>
/// <param name="Errors">Error entries among them.</param>
/// <param name="ErrorRate">Errors per entry.</param>
/// <param name="TimedRuns">Runs whose duration was measured (those the run listing found for the range).</param>
/// <param name="P50Ms">Median run duration, milliseconds (first entry to last); null without a timed run.</param>
/// <param name="P95Ms">95th percentile run duration, milliseconds; null without a timed run.</param>
/// <param name="DurationsEstimated">Whether the percentiles come from a sample (more runs than <see cref="DurationSample.Capacity"/>).</param>
sealed record WorkflowFigures(string Workflow, long Runs, long Entries, long Errors, double ErrorRate, long TimedRuns, double? P50Ms, double? P95Ms, bool DurationsEstimated);
