using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>
    /// The cluster's health (<c>GET _cluster/health</c>); needs the cluster privilege <c>monitor</c>. A serverless
    /// project has none (the platform looks after its shards): Elasticsearch answers 410, thrown with its reason.
    /// </summary>
    /// <exception cref="TraceReadException">The cluster could not be asked, refused, or gave an answer that is not a health report.</exception>
    public async Task<ClusterHealth> GetClusterHealthAsync(CancellationToken cancellationToken = default)
    {
        const string operation = "reading the cluster's health";
        var response = await _client.SendAsync(HttpMethod.Get, "_cluster/health", default, operation, null, cancellationToken,
            privileges: "the cluster privilege monitor").ConfigureAwait(false);
        return AnswerJson.Read(response, operation, root => new ClusterHealth(
            root.GetProperty("cluster_name").GetString()!,
            root.GetProperty("status").GetString()!,
            root.GetProperty("number_of_nodes").GetInt32(),
            root.GetProperty("active_shards").GetInt32(),
            root.GetProperty("unassigned_shards").GetInt32()));
    }

    /// <summary>
    /// The trace indices, by name, with document counts, sizes (replicas included), health and creation dates: the
    /// fixed index, every index of a time-based name (none yet: an empty list), or the data stream's backing indices.
    /// Needs the cluster privilege <c>monitor</c> and the index privilege <c>monitor</c>.
    /// </summary>
    /// <exception cref="TraceIndexMissingException">The fixed index or data stream does not exist.</exception>
    public Task<IReadOnlyList<TraceIndexInfo>> ListIndicesAsync(CancellationToken cancellationToken = default) =>
        IndexCatalog.ListAsync(_client, Index, cancellationToken);

    /// <summary>
    /// Each trace index's mapping in force, compared with the field contract, by index name: a contract field mapped
    /// with another type (say <c>thread</c> as <c>integer</c>, as an older or Python producer maps it) or not mapped at
    /// all is a <see cref="MappingDifference"/>. Needs the index privilege <c>view_index_metadata</c>.
    /// </summary>
    /// <exception cref="TraceIndexMissingException">The fixed index or data stream does not exist.</exception>
    public async Task<IReadOnlyList<MappingReport>> CheckMappingsAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"reading the mappings of '{Index}'";
        var response = await _client.SendAsync(HttpMethod.Get, Uri.EscapeDataString(Index) + "/_mapping", default, operation, Index, cancellationToken,
            privileges: "the index privilege view_index_metadata on the trace indices").ConfigureAwait(false);
        return AnswerJson.Read(response, operation, MappingCheck.Compare);
    }

    /// <summary>
    /// Sets <c>refresh_interval</c> on every existing trace index (a data stream's backing indices included). Indices
    /// created later (the next index of a time-based name, a rollover) take the index template's value: set the sink's
    /// <c>refreshInterval</c> too. Needs the index privilege <c>manage</c>.
    /// </summary>
    /// <param name="interval">
    /// How often new entries become searchable: positive, in whole milliseconds (sent in the largest exact unit,
    /// <c>5s</c>, <c>1m</c>, <c>250ms</c>), or <see cref="Timeout.InfiniteTimeSpan"/> to stop periodic refreshes (<c>-1</c>).
    /// </param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is zero, negative (but infinite) or not whole milliseconds.</exception>
    /// <exception cref="TraceIndexMissingException">No trace index exists.</exception>
    public async Task SetRefreshIntervalAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var text = RefreshIntervalText(interval);
        // The text is digits and a unit (or -1): nothing to escape.
        var body = "{\"index\":{\"refresh_interval\":\"" + text + "\"}}";
        await _client.SendJsonAsync(HttpMethod.Put, Uri.EscapeDataString(Index) + "/_settings", body, $"setting refresh_interval {text} on '{Index}'", Index,
            cancellationToken, privileges: "the index privilege manage on the trace indices").ConfigureAwait(false);
    }

    /// <summary>
    /// The trace indices whose newest entry (the largest <c>datetime</c>; for an empty index, its creation date) is
    /// older than <paramref name="olderThan"/>, by name. Unless <paramref name="confirm"/> is true nothing is deleted:
    /// the result names what would be. Confirmed, exactly those are deleted, each by name (never a wildcard), and
    /// entries written into them after the check go with them. Only whole indices go: those of a time-based name, or
    /// a data stream's backing indices but its write index, which Elasticsearch never deletes (roll the stream over
    /// first). Needs the index privileges <c>monitor</c>, <c>read</c> and, to delete, <c>delete_index</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The reader reads a fixed index or an alias: pruning never deletes the index the sink writes to.
    /// </exception>
    /// <exception cref="TraceIndexMissingException">The fixed index or data stream does not exist.</exception>
    public async Task<PruneResult> PruneAsync(DateTimeOffset olderThan, bool confirm = false, CancellationToken cancellationToken = default)
    {
        var old = await IndexPruner.FindOldAsync(_client, Index, olderThan, cancellationToken).ConfigureAwait(false);
        if (!confirm)
            return new PruneResult(old, Deleted: false);
        await IndexPruner.DeleteAsync(_client, old, cancellationToken).ConfigureAwait(false);
        return new PruneResult(old, Deleted: true);
    }

    static string RefreshIntervalText(TimeSpan interval)
    {
        if (interval == Timeout.InfiniteTimeSpan)
            return "-1";
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval,
                "The refresh interval must be positive, or Timeout.InfiniteTimeSpan to stop periodic refreshes.");
        if (interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The refresh interval must be a whole number of milliseconds.");
        return ElasticsearchDuration.Format(interval);
    }
}
