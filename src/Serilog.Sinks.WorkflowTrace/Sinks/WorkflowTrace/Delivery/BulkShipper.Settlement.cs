using Serilog.Core;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// What an answer means for each document: a 413 splits the request or cuts the document; each item settles its
/// document as delivered, to be retried, to be sent degraded, or reported dropped.
/// </summary>
sealed partial class BulkShipper
{
    /// <summary>
    /// 413: the request is too large for the server. Two halves are sent instead; a single document is cut to
    /// half its size, down to a floor below which it is reported.
    /// </summary>
    async Task<ChunkOutcome> SplitAsync(List<CapturedEvent> documents, DateTime createdAt, TransportResponse response, CancellationToken cancellationToken)
    {
        if (documents.Count > 1)
        {
            SelfLog.WriteLine("WorkflowTrace: node {0} answered 413 (request too large) for {1} documents in {2} bytes; sending them in two halves",
                response.Node, documents.Count, _payload.Length);
            var half = documents.Count / 2;
            var first = documents.GetRange(0, half);
            var second = documents.GetRange(half, documents.Count - half);
            Build(first, createdAt);
            var a = await SendAsync(first, createdAt, cancellationToken).ConfigureAwait(false);
            Build(second, createdAt);
            var b = await SendAsync(second, createdAt, cancellationToken).ConfigureAwait(false);
            return a.Merge(b);
        }

        var captured = documents[0];
        var size = _payload.Length;
        var target = Math.Min(captured.TruncateTo ?? size, size) / 2;
        if (target < SmallestTruncation)
        {
            _ledger.ReportFailed(documents, LoggingFailureKind.Permanent,
                $"document {_ids.Format(captured)} was dropped: node {response.Node} refuses it as too large (413) even cut to {size} bytes; check http.max_content_length and any proxy's body size limit",
                null);
            return ChunkOutcome.None;
        }

        SelfLog.WriteLine("WorkflowTrace: node {0} answered 413 (request too large) for one document of {1} bytes; truncating it to {2} bytes",
            response.Node, size, target);
        if (captured.TruncateTo is null)
            _monitor.Truncated(1);
        captured.TruncateTo = target;
        Build(documents, createdAt);
        return await SendAsync(documents, createdAt, cancellationToken).ConfigureAwait(false);
    }

    async Task<ChunkOutcome> SettleAsync(List<CapturedEvent> documents, BulkResponse response, DateTime createdAt, CancellationToken cancellationToken)
    {
        var (retryable, degrade, firstReason) = Settle(documents, response);
        var outcome = new ChunkOutcome(retryable, firstReason);
        if (degrade is not null)
        {
            Build(degrade, createdAt);
            outcome = outcome.Merge(await SendAsync(degrade, createdAt, cancellationToken).ConfigureAwait(false));
        }
        return outcome;
    }

    /// <summary>Settles each document by its item: delivered, to be retried, to be degraded, or reported dropped.</summary>
    (List<CapturedEvent> Retryable, List<CapturedEvent>? Degrade, string? FirstReason) Settle(List<CapturedEvent> documents, BulkResponse response)
    {
        var retryable = new List<CapturedEvent>();
        List<CapturedEvent>? degrade = null;
        string? firstReason = null;
        // Delivered events leave the queue together, also when reporting a rejected one throws.
        var settled = 0;
        try
        {
            for (var i = 0; i < documents.Count; i++)
            {
                var captured = documents[i];
                // One item per document: SendAsync refuses any other answer.
                var item = response.Items[i];
                if (item.IsDelivered)
                {
                    if (Delivered(captured))
                        settled++;
                }
                else if (item.IsRetryable)
                {
                    retryable.Add(captured);
                    firstReason ??= item.Describe();
                }
                else if (item.IsContentRejection && captured.DegradedReason is null)
                {
                    captured.DegradedReason = item.Describe();
                    SelfLog.WriteLine("WorkflowTrace: Elasticsearch rejected the content of document {0} ({1}); sending it again with its content kept as a JSON string in metadata.{2}",
                        _ids.Format(captured), item.Describe(), DocumentReshaper.DegradedContentField);
                    (degrade ??= []).Add(captured);
                }
                else
                {
                    var what = captured.DegradedReason is { } first
                        ? $"Elasticsearch rejected document {_ids.Format(captured)} for index {_index.IndexFor(captured.Timestamp)} ({first}) and then its degraded form too ({item.Describe()}); it was dropped"
                        : $"Elasticsearch rejected document {_ids.Format(captured)} for index {_index.IndexFor(captured.Timestamp)} and it was dropped: {item.Describe()}{(SecurityHint(item.Status) is { Length: > 0 } hint ? "; " + hint : "")}";
                    _ledger.ReportFailed([captured], LoggingFailureKind.Permanent, what, null);
                }
            }
        }
        finally
        {
            _ledger.Delivered(settled);
        }
        return (retryable, degrade, firstReason);
    }

    /// <summary>Marks an event delivered; true when it was still pending (the caller settles the count with the ledger).</summary>
    bool Delivered(CapturedEvent captured)
    {
        if (captured.DegradedReason is not null && captured.IsPending)
            _monitor.Degraded(1);
        return DeliveryLedger.MarkDelivered(captured);
    }

    /// <summary>What a 401 or 403 means for this sink, for item and request failures alike; empty otherwise.</summary>
    string SecurityHint(int? status) => status switch
    {
        401 => "the credentials were refused: check username/password, apiKey or bearerToken",
        403 => $"the user lacks a privilege: writing trace documents needs the 'create_doc' (or 'write') index privilege on '{_index.TemplatePattern}'",
        _ => "",
    };

    string Describe(TransportResponse response)
    {
        var body = BulkResponseParser.DescribeErrorBody(response.Body);
        var hint = SecurityHint(response.StatusCode);
        return hint.Length == 0 ? body : $"{hint}. {body}";
    }
}
