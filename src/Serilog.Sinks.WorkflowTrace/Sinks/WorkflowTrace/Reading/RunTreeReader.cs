namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads the child runs of a run as a tree: one paged read per run in the tree, of the entries whose
/// <c>parent_run_id</c> is that run, split by <c>run_id</c> (each child's entries keep the read's order); then each
/// child's own children. Runs already in the tree are skipped, so a cycle of parent ids ends.
/// </summary>
sealed class RunTreeReader(EntryPager pager)
{
    public async Task<IReadOnlyList<WorkflowRunTrace>> ChildrenAsync(string parentRunId, HashSet<string> visited, CancellationToken cancellationToken)
    {
        var byRun = new Dictionary<string, List<TraceEntry>>(StringComparer.Ordinal);
        var order = new List<string>();
        await foreach (var entry in pager.ReadAsync(json => QueryFilter.WriteChildren(json, parentRunId), TraceOrder.OldestFirst,
                           $"reading the child runs of '{parentRunId}'", cancellationToken).ConfigureAwait(false))
        {
            if (entry.RunId is not { Length: > 0 } runId || visited.Contains(runId))
                continue;
            if (!byRun.TryGetValue(runId, out var entries))
            {
                byRun[runId] = entries = [];
                order.Add(runId);
            }

            entries.Add(entry);
        }

        visited.UnionWith(order);
        var children = new List<WorkflowRunTrace>(order.Count);
        foreach (var runId in order)
        {
            var grandchildren = await ChildrenAsync(runId, visited, cancellationToken).ConfigureAwait(false);
            children.Add(Trace(runId, byRun[runId], grandchildren));
        }

        return children;
    }

    /// <summary>A run's trace from its entries in order: summary, text views, children.</summary>
    public static WorkflowRunTrace Trace(string runId, List<TraceEntry> entries, IReadOnlyList<WorkflowRunTrace> children)
    {
        var summary = new RunSummaryBuilder(runId);
        foreach (var entry in entries)
            summary.Add(entry);
        var (stdout, stderr) = TraceTextFormatter.Views(entries);
        return new WorkflowRunTrace
        {
            RunId = runId,
            ParentRunId = entries.Select(e => e.ParentRunId).FirstOrDefault(p => p is not null),
            Entries = entries,
            Summary = summary.Build(),
            Stdout = stdout,
            Stderr = stderr,
            Children = children,
        };
    }
}
