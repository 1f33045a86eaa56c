namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>
    /// Reads one run whole: every entry, oldest first (events of one thread in their order), however many; its
    /// summary and text views; and, when asked, its child runs as a tree.
    /// </summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="includeChildren">Also read the runs whose <c>parent_run_id</c> is this run, and theirs.</param>
    /// <param name="throwIfMissing">Throw <see cref="TraceNotFoundException"/> when the run has no entry (default); else return an empty trace.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public Task<WorkflowRunTrace> FindRunAsync(string runId, bool includeChildren = false, bool throwIfMissing = true, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-runs");

    /// <summary>Streams one run's entries, oldest first, a page at a time: memory does not grow with the run.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Stops the read; the point in time is closed.</param>
    public IAsyncEnumerable<TraceEntry> ReadRunAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-runs");
}
