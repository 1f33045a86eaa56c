using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Lucene indexes a <c>keyword</c> value as one term of at most 32,766 UTF-8 bytes; Elasticsearch and OpenSearch
/// refuse a whole document holding a longer one ("immense term"). Every keyword field of the template
/// (<see cref="TraceMapping"/>) is therefore cut to the limit before the document is sent, on a character boundary,
/// and named in <c>metadata.truncated_fields</c>. Only a document longer than the limit can hold such a value (a
/// value's JSON form is never shorter than its UTF-8), so the common document costs one length comparison.
/// </summary>
static class KeywordLimit
{
    /// <summary>Lucene's <c>IndexWriter.MAX_TERM_LENGTH</c>, in UTF-8 bytes.</summary>
    public const int MaxTermBytes = 32766;

    const string Metadata = "metadata";

    static readonly HashSet<string> KeywordFields =
        TraceMapping.Fields.Where(f => f.Type == "keyword").Select(f => f.Field).ToHashSet(StringComparer.Ordinal);

    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether a top-level keyword field of <paramref name="document"/> (or an element of one) is over the limit.</summary>
    public static bool Exceeded(ReadOnlySpan<byte> document)
    {
        if (document.Length <= MaxTermBytes)
            return false;

        var reader = new Utf8JsonReader(document);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyword = KeywordFields.Contains(reader.GetString()!);
            reader.Read();
            if (!keyword)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                if (IsOver(ref reader))
                    return true;
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String && IsOver(ref reader))
                        return true;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return false;
    }

    // The escaped form is never shorter than the value's UTF-8, so only a long one is decoded to be measured.
    static bool IsOver(ref Utf8JsonReader reader) =>
        reader.ValueSpan.Length > MaxTermBytes && (!reader.ValueIsEscaped || Encoding.UTF8.GetByteCount(reader.GetString()!) > MaxTermBytes);

    /// <summary>
    /// <paramref name="document"/> with every keyword value over the limit cut to it, and those fields added to
    /// <c>metadata.truncated_fields</c> (after any already there).
    /// </summary>
    public static byte[] Truncate(ReadOnlySpan<byte> document)
    {
        var root = JsonNode.Parse(document) as JsonObject ?? throw new JsonException("A trace document must be a JSON object.");
        var cut = new List<string>();
        foreach (var (name, value) in root.ToList())
        {
            if (!KeywordFields.Contains(name))
                continue;
            switch (value)
            {
                case JsonValue scalar when scalar.TryGetValue<string>(out var text) && Cut(text) is { } shorter:
                    root[name] = shorter;
                    cut.Add(name);
                    break;
                case JsonArray array:
                    var any = false;
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonValue element && element.TryGetValue<string>(out var item) && Cut(item) is { } shorterItem)
                        {
                            array[i] = shorterItem;
                            any = true;
                        }
                    }
                    if (any)
                        cut.Add(name);
                    break;
            }
        }

        if (cut.Count > 0)
            NoteTruncated(root, cut);
        var buffer = new ArrayBufferWriter<byte>(document.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            root.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether <paramref name="value"/> is a string over the limit, or an array holding one.</summary>
    internal static bool HoldsImmenseTerm(JsonNode? value) => value switch
    {
        JsonValue scalar => scalar.TryGetValue<string>(out var text) && Cut(text) is not null,
        JsonArray array => array.Any(HoldsImmenseTerm),
        _ => false,
    };

    /// <summary>Adds <paramref name="names"/> to <c>metadata.truncated_fields</c>, keeping what it already lists.</summary>
    internal static void NoteTruncated(JsonObject root, IEnumerable<string> names)
    {
        if (root[Metadata] is not JsonObject metadata)
            root[Metadata] = metadata = new JsonObject();
        if (metadata[DocumentReshaper.TruncatedFieldsField] is not JsonArray list)
            metadata[DocumentReshaper.TruncatedFieldsField] = list = new JsonArray();
        var listed = list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (listed.Add(name))
                list.Add(name);
        }
    }

    /// <summary>
    /// <paramref name="value"/> cut to at most <see cref="MaxTermBytes"/> UTF-8 bytes on a character boundary (never
    /// inside a surrogate pair); null when it already fits.
    /// </summary>
    public static string? Cut(string value)
    {
        // Three bytes at most per UTF-16 unit: a value this short fits without being measured.
        if (value.Length <= MaxTermBytes / 3 || Encoding.UTF8.GetByteCount(value) <= MaxTermBytes)
            return null;

        var bytes = 0;
        var end = 0;
        while (end < value.Length)
        {
            int width, units;
            var c = value[end];
            if (char.IsHighSurrogate(c) && end + 1 < value.Length && char.IsLowSurrogate(value[end + 1]))
                (width, units) = (4, 2);
            else
                (width, units) = (c < 0x80 ? 1 : c < 0x800 ? 2 : 3, 1);
            if (bytes + width > MaxTermBytes)
                break;
            bytes += width;
            end += units;
        }
        return value[..end];
    }
}
