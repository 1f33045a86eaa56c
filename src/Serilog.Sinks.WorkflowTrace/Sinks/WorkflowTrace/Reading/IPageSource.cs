namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One paged read on the server (a point in time or a scroll): the next page, and closing it when done.</summary>
interface IPageSource : IAsyncDisposable
{
    /// <summary>The next page, read by <see cref="SearchHitsReader"/>.</summary>
    Task<SearchPage> NextAsync(CancellationToken cancellationToken);
}
