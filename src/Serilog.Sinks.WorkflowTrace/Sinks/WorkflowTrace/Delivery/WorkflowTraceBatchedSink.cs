using System.Text.Json;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Receives batches from Serilog's batching sink and ships them with one <c>_bulk</c> request each. Every event
/// is settled once: delivered (2xx, or 409 for a resend of a document that already arrived), or reported with
/// Elasticsearch's reason. A failure of the whole request, or items that may succeed later, make the batch throw
/// so that Serilog's batching retries it with back-off; events already settled are not sent again.
/// </summary>
sealed class WorkflowTraceBatchedSink : IBatchedLogEventSink, IDisposable, IAsyncDisposable
{
    /// <summary>Only what decides each document's fate comes back: smaller responses, faster parsing.</summary>
    internal const string BulkPath = "_bulk?filter_path=errors,items.*.status,items.*.error";
    const string NdjsonContentType = "application/x-ndjson";

    readonly IElasticsearchTransport _transport;
    readonly DeliveryLedger _ledger;
    readonly BulkPayloadBuilder _payload;
    readonly DocumentIdFactory _ids;
    readonly IndexNameFormat _index;
    readonly int _bufferSize;
    readonly IndexBootstrapper _bootstrapper;
    readonly TimeProvider _time;
    readonly List<CapturedEvent> _sent = [];
    List<CapturedEvent>? _lastFailedBatch;
    int _disposed;

    public WorkflowTraceBatchedSink(
        IElasticsearchTransport transport,
        DeliveryLedger ledger,
        BulkPayloadBuilder payload,
        DocumentIdFactory ids,
        IndexNameFormat index,
        int bufferSize,
        IndexBootstrapper bootstrapper,
        TimeProvider? time = null)
    {
        _bootstrapper = bootstrapper;
        _bufferSize = bufferSize;
        _transport = transport;
        _ledger = ledger;
        _payload = payload;
        _ids = ids;
        _index = index;
        _time = time ?? TimeProvider.System;
    }

    public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        var pending = new List<CapturedEvent>(batch.Count);
        foreach (var logEvent in batch)
        {
            if (CapturedEvent.From(logEvent) is { IsPending: true } captured)
                pending.Add(captured);
        }

        try
        {
            await ShipAsync(pending).ConfigureAwait(false);
            _lastFailedBatch = null;
        }
        catch
        {
            _lastFailedBatch = pending;
            throw;
        }
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    async Task ShipAsync(IReadOnlyList<CapturedEvent> events)
    {
        // Before the first request (and after a failed bootstrap): the template must be in place first, or in
        // Failure mode this throws and the batch waits in Serilog's buffer.
        await _bootstrapper.EnsureReadyAsync().ConfigureAwait(false);

        _payload.Reset();
        _sent.Clear();
        var createdAt = _time.GetUtcNow().UtcDateTime;
        foreach (var captured in events)
        {
            if (!captured.IsPending)
                continue;
            var error = _payload.TryAppend(captured, createdAt);
            if (error is null)
                _sent.Add(captured);
            else
                _ledger.ReportFailed([captured], LoggingFailureKind.Permanent, $"the event could not be written as a trace document and was dropped: {error.GetType().Name}: {error.Message}", error);
        }

        if (_sent.Count == 0)
            return;

        var response = await _transport
            .SendAsync(new TransportRequest(HttpMethod.Post, BulkPath, _payload.Body, NdjsonContentType), CancellationToken.None)
            .ConfigureAwait(false);

        if (!response.IsSuccess)
            throw new BulkRequestException(response.StatusCode, response.Node, BulkResponseParser.DescribeErrorBody(response.Body));

        BulkResponse parsed;
        try
        {
            parsed = BulkResponseParser.Parse(response.Body);
        }
        catch (JsonException ex)
        {
            throw new BulkRequestException(response.StatusCode, response.Node, $"the response could not be read ({ex.Message}); {BulkResponseParser.DescribeErrorBody(response.Body)}");
        }

        Settle(parsed, response.Node);
    }

    void Settle(BulkResponse response, Uri node)
    {
        if (!response.HasItems)
        {
            if (response.Errors == true)
                throw new BulkRequestException(200, node, "the response reports errors but lists no items, so which documents failed is unknown; the batch will be sent again");
            foreach (var captured in _sent)
                _ledger.MarkDelivered(captured);
            return;
        }

        var retryable = 0;
        string? firstRetryReason = null;
        for (var i = 0; i < _sent.Count; i++)
        {
            var captured = _sent[i];
            if (i >= response.Items.Count)
            {
                // Fewer items than documents: the fate of the rest is unknown. Sending again is safe (create + fixed id).
                retryable++;
                firstRetryReason ??= $"the response lists {response.Items.Count} items for {_sent.Count} documents";
                continue;
            }

            var item = response.Items[i];
            if (item.IsDelivered)
            {
                _ledger.MarkDelivered(captured);
            }
            else if (item.IsRetryable)
            {
                retryable++;
                firstRetryReason ??= item.Describe();
            }
            else
            {
                _ledger.ReportFailed(
                    [captured],
                    LoggingFailureKind.Permanent,
                    $"Elasticsearch rejected document {_ids.Format(captured.Sequence)} for index {_index.IndexFor(captured.Timestamp)} and it was dropped: {item.Describe()}",
                    null);
            }
        }

        if (retryable > 0)
            throw new RetryableItemsException(retryable, firstRetryReason!);
    }

    /// <summary>
    /// One more attempt for events Serilog's batching is about to give up, in batches of the configured size;
    /// stops at the first request that fails. Runs on the batching loop, never beside <see cref="EmitBatchAsync"/>.
    /// </summary>
    public IEnumerable<CapturedEvent> LastChance(List<CapturedEvent> events)
    {
        if (Volatile.Read(ref _disposed) != 0)
            return events;
        foreach (var chunk in events.Chunk(_bufferSize))
        {
            try
            {
                ShipAsync(chunk).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("WorkflowTrace: last attempt before giving events up failed: {0}", ex.Message);
                break;
            }
        }
        return events;
    }

    /// <summary>
    /// Serilog's batching has finished its last flush. A batch whose last attempt failed may still be held back
    /// for a retry that will now never come: it gets one more attempt, and whatever is still undelivered is
    /// reported rather than lost in silence.
    /// </summary>
    async Task FinishAsync()
    {
        var leftover = _lastFailedBatch?.Where(c => c.IsPending).ToList();
        _lastFailedBatch = null;
        if (leftover is { Count: > 0 })
        {
            try
            {
                await ShipAsync(leftover).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _ledger.ReportFailed(leftover, LoggingFailureKind.Final, "the sink was closed before these events could be delivered; they were dropped", ex);
            }
        }

        if (_ledger.Held > 0)
            SelfLog.WriteLine("WorkflowTrace: the sink closed with {0} event(s) neither delivered nor reported", _ledger.Held);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            FinishAsync().GetAwaiter().GetResult();
        }
        finally
        {
            _payload.Dispose();
            _transport.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            await FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            _payload.Dispose();
            _transport.Dispose();
        }
    }
}
