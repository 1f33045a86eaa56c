namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Pages through a sorted scroll, for servers without a point in time (Elasticsearch 7.0–7.9, OpenSearch before
/// 2.4): the scroll hands out every hit once, in order, from a view frozen when it started; cleared when disposed.
/// </summary>
sealed class ScrollPages(PageFetcher fetcher, Action<System.Text.Json.Utf8JsonWriter> writeQuery, TraceOrder order) : IPageSource
{
    string? _scrollId;
    bool _started;

    public async Task<SearchPage> NextAsync(CancellationToken cancellationToken)
    {
        var options = fetcher.Options;
        SearchPage page;
        if (!_started)
        {
            _started = true;
            page = await fetcher.FetchAsync(HttpMethod.Post, PageRequests.ScrollPath(fetcher.Index, options.KeepAlive),
                PageRequests.ScrollStart(writeQuery, order, options.PageSize), fetcher.Index, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            page = await fetcher.FetchAsync(HttpMethod.Post, PageRequests.ScrollNextPath, PageRequests.ScrollNext(_scrollId!, options.KeepAlive), null, cancellationToken)
                .ConfigureAwait(false);
        }

        _scrollId = page.ScrollId ?? _scrollId;
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scrollId is { } id)
        {
            _scrollId = null;
            await fetcher.CloseAsync(HttpMethod.Delete, PageRequests.ScrollNextPath, PageRequests.ScrollClear(id), "scroll").ConfigureAwait(false);
        }
    }
}
