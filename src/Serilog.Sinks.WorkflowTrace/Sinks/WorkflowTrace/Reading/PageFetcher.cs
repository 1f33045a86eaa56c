using Serilog.Debugging;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// What every page source shares: sending a page request with the large-answer cap, reading it into entries, telling
/// of malformed documents, refusing a page the cluster cut short, and closing a point in time or scroll without letting
/// a failure to close hide the read's own outcome.
/// </summary>
sealed class PageFetcher(ReaderClient client, string index, WorkflowTraceReaderOptions options, string operation)
{
    public ReaderClient Client => client;

    public string Index => index;

    public WorkflowTraceReaderOptions Options => options;

    public string Operation => operation;

    /// <summary>Sends one page request and reads its hits.</summary>
    public async Task<SearchPage> FetchAsync(HttpMethod method, string path, byte[] body, string? indexForErrors, CancellationToken cancellationToken)
    {
        Transport.TransportResponse response;
        try
        {
            response = await client.SendAsync(method, path, body, operation, indexForErrors, cancellationToken, maxAnswerBytes: ReaderClient.MaxPageAnswerBytes)
                .ConfigureAwait(false);
        }
        catch (TraceReadException ex) when (ex.StatusCode == 404 && ex.Message.Contains("search_context_missing_exception", StringComparison.Ordinal))
        {
            throw new TraceReadException(
                $"The point in time (or scroll) of {operation} expired before the next page was asked for: more than the KeepAlive of " +
                $"{options.KeepAlive.TotalSeconds:0.###} s passed between two pages. Raise WorkflowTraceReaderOptions.KeepAlive or read faster.", 404, ex);
        }

        return SearchHitsReader.Read(response.Body, Malformed);
    }

    /// <summary>A page the cluster cut short (<c>timed_out: true</c>) is refused rather than returned as if whole.</summary>
    public void EnsureComplete(SearchPage page)
    {
        if (page.TimedOut)
            throw new TraceSearchTimeoutException(
                $"Reading a page ({operation}; the cluster answered timed_out: true, so the page may be incomplete and was not returned)", client.Timeout);
    }

    /// <summary>Sends a request that closes what was opened; a failure is written to SelfLog, never thrown.</summary>
    public async Task CloseAsync(HttpMethod method, string path, byte[] body, string what)
    {
        try
        {
            // The caller's token may be the reason we are closing: closing must not be cancelled with it.
            await client.SendAsync(method, path, body, $"closing the {what} of {operation}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TraceReadException or OperationCanceledException)
        {
            SelfLog.WriteLine("WorkflowTrace: could not close the {0} of {1}; the cluster frees it when its keep-alive runs out: {2}", what, operation, ex.Message);
        }
    }

    void Malformed(MalformedTraceDocument document)
    {
        SelfLog.WriteLine("WorkflowTrace: skipped a malformed trace document while {0}: {1}", operation, $"{document.Id} in {document.Index}: {document.Reason}");
        try
        {
            options.OnMalformedDocument?.Invoke(document);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: OnMalformedDocument threw for document {0}: {1}", document.Id, ex);
        }
    }
}
