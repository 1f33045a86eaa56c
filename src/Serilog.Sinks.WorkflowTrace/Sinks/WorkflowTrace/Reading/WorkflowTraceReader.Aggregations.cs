namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>Per workflow: entries, errors, error rate and runs, over what <paramref name="query"/> selects; every workflow, no cap.</summary>
    public Task<IReadOnlyList<WorkflowStatistics>> GetWorkflowStatisticsAsync(TraceQuery? query = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-aggregations");

    /// <summary>Entries per level over what <paramref name="query"/> selects.</summary>
    public Task<IReadOnlyList<LevelCount>> GetLevelCountsAsync(TraceQuery? query = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-aggregations");

    /// <summary>Entries and errors per interval of time over what <paramref name="query"/> selects, oldest first.</summary>
    public Task<IReadOnlyList<TimeBucket>> GetHistogramAsync(TimeSpan interval, TraceQuery? query = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-aggregations");
}
