namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One workflow's figures over the entries a query selects.</summary>
/// <param name="WorkflowName">The <c>workflow_name</c>.</param>
/// <param name="Entries">How many entries.</param>
/// <param name="Errors">How many of them are errors.</param>
/// <param name="Runs">How many distinct runs (an estimate above 3,000 runs: Elasticsearch's cardinality aggregation).</param>
public sealed record WorkflowStatistics(string WorkflowName, long Entries, long Errors, long Runs)
{
    /// <summary>Errors per entry, 0 when there is no entry.</summary>
    public double ErrorRate => Entries == 0 ? 0 : (double)Errors / Entries;
}
