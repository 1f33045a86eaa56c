namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>Streams every entry <paramref name="query"/> selects, in <paramref name="order"/>, a page at a time, without a cap.</summary>
    /// <param name="query">What to read.</param>
    /// <param name="order">Oldest first (default) or newest first.</param>
    /// <param name="cancellationToken">Stops the read; the point in time is closed.</param>
    public IAsyncEnumerable<TraceEntry> SearchAsync(TraceQuery query, TraceOrder order = TraceOrder.OldestFirst, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-search");

    /// <summary>Counts the entries <paramref name="query"/> selects.</summary>
    public Task<long> CountAsync(TraceQuery query, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-search");

    /// <summary>
    /// Streams every run matching <paramref name="filter"/> with its summary, most recent first (by the time of
    /// its first entry), without a cap; a run is neither missed nor repeated while documents keep arriving.
    /// </summary>
    public IAsyncEnumerable<RunSummary> ListRunsAsync(RunFilter? filter = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("reader-search");
}
