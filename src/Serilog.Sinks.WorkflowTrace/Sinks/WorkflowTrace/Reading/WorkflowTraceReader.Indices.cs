namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>The cluster's health.</summary>
    public Task<ClusterHealth> GetClusterHealthAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-indices");

    /// <summary>The trace indices, with document counts and sizes, by name.</summary>
    public Task<IReadOnlyList<TraceIndexInfo>> ListIndicesAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-indices");

    /// <summary>Each trace index's mapping in force, compared with the field contract.</summary>
    public Task<IReadOnlyList<MappingReport>> CheckMappingsAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-indices");

    /// <summary>Sets <c>refresh_interval</c> on every trace index.</summary>
    public Task SetRefreshIntervalAsync(TimeSpan interval, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-indices");

    /// <summary>
    /// The trace indices whose newest entry is older than <paramref name="olderThan"/>; deleted only when
    /// <paramref name="confirm"/> is true, else only named.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset olderThan, bool confirm = false, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-indices");
}
