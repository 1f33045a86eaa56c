namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Pages through a point in time with <c>search_after</c>: opened on the first page, the newest <c>pit_id</c> sent
/// back each time, closed when disposed (Elasticsearch's or OpenSearch's API, per <see cref="PagingPlan"/>).
/// </summary>
sealed class PointInTimePages(PageFetcher fetcher, PagingPlan plan, Action<System.Text.Json.Utf8JsonWriter> writeQuery, TraceOrder order) : IPageSource
{
    string? _pitId;
    string? _searchAfter;

    public async Task<SearchPage> NextAsync(CancellationToken cancellationToken)
    {
        var options = fetcher.Options;
        if (_pitId is null)
            _pitId = await OpenAsync(fetcher, plan, cancellationToken).ConfigureAwait(false);

        var body = PageRequests.PointInTimePage(writeQuery, order, plan.Tiebreaker!, _pitId, options.KeepAlive, options.PageSize, _searchAfter);
        var page = await fetcher.FetchAsync(HttpMethod.Post, "_search", body, fetcher.Index, cancellationToken).ConfigureAwait(false);
        _pitId = page.PitId ?? _pitId;
        _searchAfter = page.LastSort ?? _searchAfter;
        return page;
    }

    /// <summary>Opens a point in time on the fetcher's index with the server's API; its id. Also used by the run listing.</summary>
    public static async Task<string> OpenAsync(PageFetcher fetcher, PagingPlan plan, CancellationToken cancellationToken)
    {
        var path = PageRequests.OpenPath(plan.Method, fetcher.Index, fetcher.Options.KeepAlive);
        var response = await fetcher.Client.SendAsync(HttpMethod.Post, path, default, $"opening a point in time for {fetcher.Operation}", fetcher.Index, cancellationToken)
            .ConfigureAwait(false);
        using var answer = System.Text.Json.JsonDocument.Parse(response.Body);
        var name = plan.Method == PagingMethod.OpenSearchPointInTime ? "pit_id" : "id";
        return answer.RootElement.TryGetProperty(name, out var id) && id.GetString() is { Length: > 0 } text
            ? text
            : throw new TraceReadException($"Opening a point in time for {fetcher.Operation} gave no '{name}'.", response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pitId is { } id)
        {
            _pitId = null;
            await CloseAsync(fetcher, plan, id).ConfigureAwait(false);
        }
    }

    /// <summary>Closes a point in time; a failure goes to SelfLog (see <see cref="PageFetcher.CloseAsync"/>). Also used by the run listing.</summary>
    public static Task CloseAsync(PageFetcher fetcher, PagingPlan plan, string id) =>
        fetcher.CloseAsync(HttpMethod.Delete, PageRequests.ClosePath(plan.Method), PageRequests.CloseBody(plan.Method, id), "point in time");
}
