using System.Text.Json;
using Polly;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Ships a batch of the delivery loop with <c>_bulk</c> requests, cut so that none
/// passes the byte limit. Every event is settled once, by its own item of the answer: delivered (2xx, or 409 for a
/// resend of a document that already arrived), or reported with Elasticsearch's reason; an answer without exactly one
/// item per document sent is a failed request. What each status means is <see cref="StatusPolicy"/>'s: items
/// answered "try again" are resent alone, with back-off, up to <c>maxRetries</c> times; a document rejected for its
/// content is resent once in a degraded form; a 413 halves the request. A failure of the whole request, or items still waiting, make the attempt throw so
/// that the loop retries the batch later; events already settled are not sent again. The cancellation token
/// reaches every request, so a shutdown deadline ends one in flight.
/// </summary>
sealed partial class BulkShipper : IDisposable
{
    /// <summary>Only what decides each document's fate comes back: smaller responses, faster parsing.</summary>
    internal const string BulkPath = "_bulk?filter_path=errors,items.*.status,items.*.error";
    const string NdjsonContentType = "application/x-ndjson";

    /// <summary>A document cut below this by repeated 413s is given up: the server takes nothing of this size.</summary>
    const int SmallestTruncation = 1024;

    readonly IElasticsearchTransport _transport;
    readonly DeliveryLedger _ledger;
    readonly BulkPayloadBuilder _payload;
    readonly DocumentIdFactory _ids;
    readonly IndexNameFormat _index;
    readonly int _maxRequestBytes;
    readonly TimeProvider _time;
    readonly SinkMonitor _monitor;
    readonly ResiliencePipeline<ChunkOutcome> _itemRetries;

    public BulkShipper(
        IElasticsearchTransport transport,
        DeliveryLedger ledger,
        BulkPayloadBuilder payload,
        DocumentIdFactory ids,
        IndexNameFormat index,
        SinkMonitor monitor,
        int maxRequestBytes,
        int maxRetries,
        TimeSpan retryBaseDelay,
        TimeProvider? time = null)
    {
        _transport = transport;
        _ledger = ledger;
        _payload = payload;
        _ids = ids;
        _index = index;
        _monitor = monitor;
        _maxRequestBytes = maxRequestBytes;
        _time = time ?? TimeProvider.System;
        _itemRetries = BuildItemRetries(maxRetries, retryBaseDelay, _time);
    }

    /// <summary>
    /// Polly's retry for items answered "try again": the outcome is retried while some remain, with exponential
    /// back-off and jitter; what remains after the last retry makes the attempt fail, and the loop retries the batch later.
    /// </summary>
    static ResiliencePipeline<ChunkOutcome> BuildItemRetries(int maxRetries, TimeSpan baseDelay, TimeProvider time) =>
        Backoff.Pipeline<ChunkOutcome>(
            maxRetries,
            baseDelay,
            time,
            arguments => ValueTask.FromResult(arguments.Outcome.Result is { Retryable.Count: > 0 }),
            arguments =>
            {
                var outcome = arguments.Outcome.Result!;
                SelfLog.WriteLine("WorkflowTrace: {0} document(s) not accepted yet ({1}); resending them alone in {2:0} ms",
                    outcome.Retryable.Count, outcome.FirstReason, arguments.RetryDelay.TotalMilliseconds);
                return default;
            });

    /// <summary>
    /// Sends the pending events of <paramref name="events"/> and settles each one it can. Throws when a request
    /// failed as a whole or documents still wait ("try again" after every retry): the loop then retries the batch.
    /// </summary>
    public async Task ShipAsync(IReadOnlyList<CapturedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return;

        var createdAt = _time.GetUtcNow().UtcDateTime;
        var waiting = 0;
        string? firstReason = null;
        var next = 0;
        while (next < events.Count)
        {
            var chunk = CutChunk(events, ref next, createdAt);
            if (chunk.Count == 0)
                continue;

            // The first attempt sends the body already built; only items answered "try again" enter Polly's retry.
            var outcome = await SendAsync(chunk, createdAt, cancellationToken).ConfigureAwait(false);
            if (outcome.Retryable.Count > 0)
                outcome = await RetryItemsAsync(outcome, createdAt, cancellationToken).ConfigureAwait(false);

            waiting += outcome.Retryable.Count;
            firstReason ??= outcome.FirstReason;
        }

        if (waiting > 0)
            throw new RetryableItemsException(waiting, firstReason!);
    }

    /// <summary>
    /// Polly's retry for the items of a chunk answered "try again", given the outcome of the first attempt (which it
    /// counts as its own first): each retry rebuilds the body from what is left.
    /// </summary>
    async Task<ChunkOutcome> RetryItemsAsync(ChunkOutcome first, DateTime createdAt, CancellationToken cancellationToken)
    {
        var last = first;
        var attempts = 0;
        return await _itemRetries.ExecuteAsync(async token =>
        {
            if (attempts++ == 0)
                return first;
            Build(last.Retryable, createdAt);
            last = await SendAsync(last.Retryable, createdAt, token).ConfigureAwait(false);
            return last;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the next request body from <paramref name="events"/>, starting at <paramref name="next"/>, as long as
    /// it stays under the byte limit; returns the documents it holds.
    /// </summary>
    List<CapturedEvent> CutChunk(IReadOnlyList<CapturedEvent> events, ref int next, DateTime createdAt)
    {
        _payload.Reset();
        var chunk = new List<CapturedEvent>();
        for (; next < events.Count; next++)
        {
            var captured = events[next];
            if (!captured.IsPending)
                continue;
            var mark = _payload.Length;
            if (!TryAppend(captured, createdAt))
                continue;
            if (_payload.Length > _maxRequestBytes && chunk.Count > 0)
            {
                _payload.RemoveAfter(mark, 1);
                break;
            }
            chunk.Add(captured);
        }
        return chunk;
    }

    /// <summary>Rebuilds the body for exactly <paramref name="documents"/> (a subset of a body that fitted).</summary>
    void Build(List<CapturedEvent> documents, DateTime createdAt)
    {
        _payload.Reset();
        documents.RemoveAll(captured => !captured.IsPending || !TryAppend(captured, createdAt));
    }

    bool TryAppend(CapturedEvent captured, DateTime createdAt)
    {
        var error = _payload.TryAppend(captured, createdAt);
        if (error is not null)
        {
            _ledger.ReportFailed([captured], LoggingFailureKind.Permanent, $"the event could not be written as a trace document and was dropped: {error.GetType().Name}: {error.Message}", error);
            return false;
        }

        if (_payload.LastAppendTruncated && captured.TruncateTo is null)
        {
            _monitor.Truncated(1);
            captured.TruncateTo = _payload.MaxDocumentBytes;
        }
        return true;
    }

    /// <summary>
    /// Sends the body built for <paramref name="documents"/> and settles what it can. Returns the documents to
    /// try again; throws when the whole request failed.
    /// </summary>
    async Task<ChunkOutcome> SendAsync(List<CapturedEvent> documents, DateTime createdAt, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
            return ChunkOutcome.None;

        var retried = 0;
        foreach (var captured in documents)
        {
            if (captured.Sends++ > 0)
                retried++;
        }
        _monitor.Retried(retried);

        var response = await _transport
            .SendAsync(new TransportRequest(HttpMethod.Post, BulkPath, _payload.Body, NdjsonContentType, documents.Count), cancellationToken)
            .ConfigureAwait(false);
        _monitor.Batch(response.RequestWireBytes > 0 ? response.RequestWireBytes : _payload.Length);

        if (StatusPolicy.SplitRequest(response.StatusCode))
            return await SplitAsync(documents, createdAt, response, cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccess)
            throw new BulkRequestException(response.StatusCode, response.Node, Describe(response));

        BulkResponse parsed;
        try
        {
            parsed = BulkResponseParser.Parse(response.Body, documents.Count);
        }
        catch (JsonException ex)
        {
            throw new BulkRequestException(response.StatusCode, response.Node, $"the response could not be read ({ex.Message}); {BulkResponseParser.DescribeErrorBody(response.Body)}");
        }

        // Each document is settled by its own item only. An answer that does not hold one per document (a gateway's
        // or maintenance page's {}, a cut list) says nothing about which arrived: the request failed, and is retried.
        if (!parsed.HasItems || parsed.Items.Count != documents.Count)
            throw new BulkRequestException(response.StatusCode, response.Node,
                $"the answer lists {(parsed.HasItems ? parsed.Items.Count : "no")} item(s) for the {documents.Count} documents sent, so which of them " +
                $"arrived is unknown; none is counted delivered and they will be sent again ({BulkResponseParser.DescribeErrorBody(response.Body)})");

        return await SettleAsync(documents, parsed, createdAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the request body's pooled buffer and the transport; only once the loop has stopped.</summary>
    public void Dispose()
    {
        _payload.Dispose();
        _transport.Dispose();
    }
}
