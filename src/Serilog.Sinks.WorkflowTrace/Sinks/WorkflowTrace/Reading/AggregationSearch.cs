using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Sends searches that only aggregate (<c>size: 0</c>) to the reader's index, or to a point in time when one is set,
/// and pages <c>composite</c> aggregations to their end: every bucket, a page at a time, however many (terms
/// aggregations stop at their <c>size</c>; composite ones do not).
/// </summary>
sealed class AggregationSearch
{
    readonly ReaderClient _client;
    readonly string _index;

    public AggregationSearch(ReaderClient client, string index)
    {
        _client = client;
        _index = index;
    }

    /// <summary>The point in time searched (the newest id an answer gave), or null to search the index itself.</summary>
    public string? PitId { get; set; }

    /// <summary>How long the point in time is kept open after each search.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sends one search of <paramref name="writeQuery"/>'s entries with the aggregations <paramref name="writeAggs"/> writes; the answer's <c>aggregations</c>.</summary>
    public async Task<JsonElement> AggregateAsync(Action<Utf8JsonWriter> writeQuery, Action<Utf8JsonWriter> writeAggs, string operation, CancellationToken cancellationToken)
    {
        var body = Body(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("size", 0);
            json.WriteBoolean("track_total_hits", false);
            json.WritePropertyName("query");
            writeQuery(json);
            json.WritePropertyName("aggs");
            writeAggs(json);
            if (PitId is { } pit)
            {
                json.WriteStartObject("pit");
                json.WriteString("id", pit);
                json.WriteString("keep_alive", PageRequests.Duration(KeepAlive));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
        var path = PitId is null ? _index + "/_search" : "_search";
        Transport.TransportResponse response;
        try
        {
            response = await _client.SendAsync(HttpMethod.Post, path, body, operation, _index, cancellationToken, ReaderClient.MaxPageAnswerBytes).ConfigureAwait(false);
        }
        catch (TraceReadException ex) when (PitId is not null && ex.StatusCode == 404 && ex.Message.Contains("search_context_missing_exception", StringComparison.Ordinal))
        {
            throw new TraceReadException(
                $"The point in time of {operation} expired between two requests: more than the KeepAlive of {KeepAlive.TotalSeconds:0.###} s passed " +
                "while the caller held an item. Raise WorkflowTraceReaderOptions.KeepAlive or consume faster.", 404, ex);
        }

        using var document = JsonDocument.Parse(response.Body);
        if (PitId is not null && document.RootElement.TryGetProperty("pit_id", out var newest) && newest.GetString() is { Length: > 0 } id)
            PitId = id;
        if (document.RootElement.TryGetProperty("timed_out", out var timedOut) && timedOut.ValueKind == JsonValueKind.True)
            throw new TraceSearchTimeoutException(char.ToUpperInvariant(operation[0]) + operation[1..], _client.Timeout);
        return document.RootElement.TryGetProperty("aggregations", out var aggregations)
            ? aggregations.Clone()
            : throw new TraceReadException($"Elasticsearch answered {operation} without aggregations.", response.StatusCode);
    }

    /// <summary>
    /// Every bucket of a <c>composite</c> aggregation named <c>page</c>, in key order, <paramref name="size"/> per request,
    /// following <c>after_key</c> until a page comes back without one or without buckets.
    /// </summary>
    /// <param name="writeQuery">The entries aggregated.</param>
    /// <param name="writeSources">Writes the <c>sources</c> array.</param>
    /// <param name="writeSubAggs">Writes each bucket's sub-aggregations object, or null for none.</param>
    /// <param name="size">Buckets per request.</param>
    /// <param name="operation">What is read, for messages.</param>
    /// <param name="cancellationToken">Stops the paging.</param>
    public async IAsyncEnumerable<IReadOnlyList<JsonElement>> CompositePagesAsync(Action<Utf8JsonWriter> writeQuery, Action<Utf8JsonWriter> writeSources,
        Action<Utf8JsonWriter>? writeSubAggs, int size, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonElement? after = null;
        while (true)
        {
            var current = after;
            var aggregations = await AggregateAsync(writeQuery, json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("page");
                json.WriteStartObject("composite");
                json.WriteNumber("size", size);
                json.WritePropertyName("sources");
                writeSources(json);
                if (current is { } key)
                {
                    json.WritePropertyName("after");
                    key.WriteTo(json);
                }

                json.WriteEndObject();
                if (writeSubAggs is not null)
                {
                    json.WritePropertyName("aggs");
                    writeSubAggs(json);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }, operation, cancellationToken).ConfigureAwait(false);
            var page = aggregations.GetProperty("page");
            var buckets = page.GetProperty("buckets").EnumerateArray().ToList();
            if (buckets.Count > 0)
                yield return buckets;
            if (buckets.Count == 0 || !page.TryGetProperty("after_key", out var afterKey))
                yield break;
            after = afterKey;
        }
    }

    /// <summary>A JSON body written by <paramref name="write"/>, as UTF-8.</summary>
    public static ReadOnlyMemory<byte> Body(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
            write(json);
        return buffer.WrittenMemory;
    }

    /// <summary>A number of an aggregation's <c>value</c> (a date's is epoch milliseconds, possibly in exponent form); null when absent.</summary>
    public static double? Value(JsonElement aggregation) =>
        aggregation.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>The top bucket's key of a <c>terms</c> aggregation of size 1, or null when it has none.</summary>
    public static string? TopKey(JsonElement terms)
    {
        foreach (var bucket in terms.GetProperty("buckets").EnumerateArray())
        {
            var key = bucket.GetProperty("key");
            return key.ValueKind == JsonValueKind.String ? key.GetString() : key.GetRawText();
        }

        return null;
    }
}
