using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Streams the entries a query clause selects, in time order with a tie-break that keeps one thread's order, a page
/// at a time, however many: a point in time with <c>search_after</c> (Elasticsearch 7.10+ and OpenSearch 2.4+, each
/// with its own API), else a sorted scroll (see <see cref="PagingPlan"/>); never <c>from</c>. The point in time (or
/// scroll) is closed when the read ends, when the caller stops enumerating early or cancels, and when a page fails.
/// Memory holds one page and one millisecond's group of entries (see <see cref="ThreadOrderBuffer"/>).
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
    public async IAsyncEnumerable<TraceEntry> ReadAsync(Action<Utf8JsonWriter> writeQuery, TraceOrder order, string operation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = PagingPlan.For(await _client.ServerAsync(cancellationToken).ConfigureAwait(false));
        var fetcher = new PageFetcher(_client, _index, _options, operation);
        var buffer = new ThreadOrderBuffer(order);
        var ready = new List<TraceEntry>(_options.PageSize);
        await using var pages = plan.Method == PagingMethod.Scroll
            ? (IPageSource)new ScrollPages(fetcher, writeQuery, order)
            : new PointInTimePages(fetcher, plan, writeQuery, order);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await pages.NextAsync(cancellationToken).ConfigureAwait(false);
            fetcher.EnsureComplete(page);
            buffer.Add(page.Entries, ready);
            var last = page.Hits < _options.PageSize;
            if (last)
                buffer.Flush(ready);
            foreach (var entry in ready)
                yield return entry;
            ready.Clear();
            if (last)
                yield break;
        }
    }
}
