using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads a search answer's hits straight from its UTF-8 bytes into typed entries, in one pass (no DOM), accepting
/// the Python producer's documents as well as this sink's; a hit that cannot be read is reported and skipped.
/// Also kept: <c>pit_id</c>, <c>_scroll_id</c>, <c>timed_out</c>, <c>hits.total</c> and the last hit's <c>sort</c>.
/// </summary>
static class SearchHitsReader
{
    /// <summary>
    /// Deeper than Utf8JsonReader's default of 64, as deep as Elasticsearch's own parser accepts: a deeply nested
    /// <c>metadata</c> it stored must not make the whole page unreadable.
    /// </summary>
    const int MaxDepth = 1000;

    /// <param name="answer">The search (or scroll) answer's body.</param>
    /// <param name="malformed">Told of every hit that is not a readable trace document.</param>
    /// <exception cref="TraceReadException">The answer is not JSON, or not a search answer's shape.</exception>
    public static SearchPage Read(ReadOnlySpan<byte> answer, Action<MalformedTraceDocument> malformed)
    {
        var page = new SearchPage();
        var reader = new Utf8JsonReader(answer, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw NotSearchAnswer($"it is {TokenName(reader.TokenType)}, not a JSON object");

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("hits"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                        ReadHits(ref reader, answer, page, malformed);
                    else if (reader.TokenType != JsonTokenType.Null)
                        throw NotSearchAnswer($"its 'hits' is {TokenName(reader.TokenType)}, not an object");
                }
                else if (reader.ValueTextEquals("pit_id"u8))
                {
                    page.PitId = ReadOptionalString(ref reader);
                }
                else if (reader.ValueTextEquals("_scroll_id"u8))
                {
                    page.ScrollId = ReadOptionalString(ref reader);
                }
                else if (reader.ValueTextEquals("timed_out"u8))
                {
                    reader.Read();
                    page.TimedOut = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw NotSearchAnswer($"it is not valid JSON ({e.Message})", e);
        }
        return page;
    }

    static void ReadHits(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, SearchPage page, Action<MalformedTraceDocument> malformed)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total"u8))
            {
                reader.Read();
                page.Total = ReadTotal(ref reader);
            }
            else if (reader.ValueTextEquals("hits"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                    ReadHitArray(ref reader, answer, page, malformed);
                else if (reader.TokenType != JsonTokenType.Null)
                    throw NotSearchAnswer($"its 'hits.hits' is {TokenName(reader.TokenType)}, not an array");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary><c>{"value":N,"relation":"eq"}</c>, or a plain number (Elasticsearch 6 and <c>rest_total_hits_as_int</c>).</summary>
    static long? ReadTotal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out var plain) ? plain : null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        long? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                total = value;
            reader.Skip();
        }
        return total;
    }

    static void ReadHitArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, SearchPage page, Action<MalformedTraceDocument> malformed)
    {
        var entry = new TraceEntryBuilder();
        var cache = new KeywordCache(TraceSourceFields.Count + 1);
        var indexSlot = TraceSourceFields.Count;
        int sortStart = -1, sortEnd = -1;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            page.Hits++;
            sortStart = -1;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                malformed(new MalformedTraceDocument("", null, $"hit {page.Hits} is {TokenName(reader.TokenType)}, not an object"));
                reader.Skip();
                continue;
            }

            entry.Reset();
            string? id = null, index = null;
            var hasSource = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("_id"u8))
                {
                    reader.Read();
                    id = ScalarText(ref reader, null, 0);
                }
                else if (reader.ValueTextEquals("_index"u8))
                {
                    reader.Read();
                    index = ScalarText(ref reader, cache, indexSlot);
                }
                else if (reader.ValueTextEquals("_source"u8))
                {
                    reader.Read();
                    hasSource = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                        TraceSourceReader.Read(ref reader, answer, entry, cache);
                    else
                        entry.Reason ??= $"its _source is {TokenName(reader.TokenType)}, not an object";
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("sort"u8))
                {
                    reader.Read();
                    sortStart = reader.TokenType == JsonTokenType.StartArray ? (int)reader.TokenStartIndex : -1;
                    reader.Skip();
                    sortEnd = (int)reader.BytesConsumed;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            var reason = entry.Reason
                ?? (hasSource ? null : "it has no _source (was it disabled in the mapping, or filtered out?)")
                ?? (id is null ? "it has no _id" : null);
            if (reason is null)
                page.Entries.Add(entry.Build(id!, index));
            else
                malformed(new MalformedTraceDocument(id ?? "", index, reason));
        }

        if (sortStart >= 0)
            page.LastSort = JsonText.Decode(answer[sortStart..sortEnd]);
    }

    /// <summary>A string (or a number's text) for <c>_id</c> and <c>_index</c>; null for anything else.</summary>
    static string? ScalarText(ref Utf8JsonReader reader, KeywordCache? cache, int slot)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.ValueIsEscaped:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return JsonText.Decode(reader.ValueSpan);
                }
            case JsonTokenType.String or JsonTokenType.Number:
                return cache is null ? JsonText.Decode(reader.ValueSpan) : cache.Get(slot, reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    static string? ReadOptionalString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ScalarText(ref reader, null, 0);
    }

    static string TokenName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "empty",
    };

    static TraceReadException NotSearchAnswer(string why, Exception? inner = null) =>
        new($"The search answer cannot be read: {why}.", inner);
}
