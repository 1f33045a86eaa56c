namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Streams the entries a query clause selects, in time order with a tie-break that keeps one thread's order, a page
/// at a time, however many: a point in time with <c>search_after</c> (Elasticsearch 7.10+ and OpenSearch 2.4+, each
/// with its own API), else a sorted scroll. The point in time (or scroll) is closed when the caller stops early.
/// </summary>
sealed class EntryPager
{
    readonly ReaderClient _client;
    readonly string _index;
    readonly WorkflowTraceReaderOptions _options;

    public EntryPager(ReaderClient client, string index, WorkflowTraceReaderOptions options)
    {
        _client = client;
        _index = index;
        _options = options;
    }

    /// <param name="writeQuery">Writes the query clause (see <see cref="QueryFilter"/>).</param>
    /// <param name="order">Oldest or newest first.</param>
    /// <param name="operation">What is read, for messages ("reading run X").</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public IAsyncEnumerable<TraceEntry> ReadAsync(Action<System.Text.Json.Utf8JsonWriter> writeQuery, TraceOrder order, string operation, CancellationToken cancellationToken) =>
        throw new NotImplementedException("reader-runs");
}
