namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>
    /// Reads one run whole: every entry, oldest first (events of one thread in their order), however many; its
    /// summary and text views; and, when asked, its child runs as a tree.
    /// </summary>
    /// <remarks>
    /// Unlike the Python handler's <c>find_trace_with_id</c>, nothing is cut at 1,000 entries: the run is paged through
    /// a point in time with <c>search_after</c> (Elasticsearch 7.10+, serverless, OpenSearch 2.4+). Elasticsearch
    /// before 7.10 and OpenSearch before 2.4 have no point in time: there the run is read with a sorted scroll, which
    /// also returns every entry once, in order, from a view frozen when the read started, and is cleared at the end.
    /// Entries of one millisecond are put back in the order their thread logged them (see <see cref="TraceOrder"/>).
    /// Child runs (<c>parent_run_id</c> is this run) are read level by level, each with its own children; a run met
    /// twice (a cycle of parent ids) is read once. A run counts as missing when neither it nor (when asked for) any
    /// child has an entry.
    /// </remarks>
    /// <param name="runId">The run's id.</param>
    /// <param name="includeChildren">Also read the runs whose <c>parent_run_id</c> is this run, and theirs.</param>
    /// <param name="throwIfMissing">Throw <see cref="TraceNotFoundException"/> when the run has no entry (default); else return an empty trace.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="TraceNotFoundException">No entry of the run, and <paramref name="throwIfMissing"/>.</exception>
    /// <exception cref="TraceIndexMissingException">The trace index does not exist.</exception>
    public async Task<WorkflowRunTrace> FindRunAsync(string runId, bool includeChildren = false, bool throwIfMissing = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var entries = new List<TraceEntry>();
        await foreach (var entry in ReadRunAsync(runId, cancellationToken).ConfigureAwait(false))
            entries.Add(entry);

        IReadOnlyList<WorkflowRunTrace> children = includeChildren
            ? await new RunTreeReader(Pager).ChildrenAsync(runId, new HashSet<string>(StringComparer.Ordinal) { runId }, cancellationToken).ConfigureAwait(false)
            : [];
        if (entries.Count == 0 && children.Count == 0 && throwIfMissing)
            throw new TraceNotFoundException(runId, Index);
        return RunTreeReader.Trace(runId, entries, children);
    }

    /// <summary>Streams one run's entries, oldest first, a page at a time: memory does not grow with the run.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Stops the read; the point in time is closed.</param>
    /// <remarks>The point in time (or scroll) is also closed when the caller stops enumerating early.</remarks>
    public IAsyncEnumerable<TraceEntry> ReadRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return Pager.ReadAsync(json => QueryFilter.WriteRun(json, runId), TraceOrder.OldestFirst, $"reading run '{runId}'", cancellationToken);
    }

    EntryPager Pager => new(_client, Index, _options);
}
