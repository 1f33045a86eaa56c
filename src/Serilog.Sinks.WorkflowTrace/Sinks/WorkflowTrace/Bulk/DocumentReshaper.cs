using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Rewrites a trace document that Elasticsearch cannot take as it is. <see cref="Degrade"/>: after a rejection of
/// its content, the content (<c>metadata</c> and any top-level field the reason names) is kept as one JSON string,
/// <c>metadata.degraded_content</c>, beside <c>metadata.degraded_reason</c> — a type conflict then loses nothing.
/// <see cref="Truncate"/>: a document over the size limit has its largest strings (message, stack trace,
/// metadata...) cut until it fits, and lists them in <c>metadata.truncated_fields</c>. The rare path: these
/// parse and rewrite the document rather than slow down the writer.
/// </summary>
static partial class DocumentReshaper
{
    public const string DegradedContentField = "degraded_content";
    public const string DegradedReasonField = "degraded_reason";
    public const string TruncatedFieldsField = "truncated_fields";
    public const string TruncatedContentField = "truncated_content";
    const string Metadata = "metadata";
    const int MaxReasonLength = 2000;

    /// <summary>Fields the sink always writes in the mapped type itself; a reason never makes them go.</summary>
    static readonly HashSet<string> Kept = new(StringComparer.Ordinal) { "datetime", "@timestamp", "level", "created_at", Metadata };

    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"\[([^\[\]]+)\]")]
    private static partial Regex BracketedName();

    public static byte[] Degrade(ReadOnlySpan<byte> document, string reason)
    {
        var root = Parse(document);
        var moved = new JsonObject();
        if (root[Metadata] is { } metadata)
        {
            root.Remove(Metadata);
            moved[Metadata] = metadata;
        }

        // "failed to parse field [duration_ms] of type [float]": a top-level field named by the reason goes too.
        foreach (Match match in BracketedName().Matches(reason))
        {
            var name = match.Groups[1].Value;
            var topLevel = name.Split('.')[0];
            if (!Kept.Contains(topLevel) && root[topLevel] is { } value)
            {
                root.Remove(topLevel);
                moved[topLevel] = value;
            }
        }

        root[Metadata] = new JsonObject
        {
            [DegradedReasonField] = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength],
            [DegradedContentField] = SerializeToString(moved),
        };
        return Serialize(root);
    }

    public static byte[] Truncate(ReadOnlySpan<byte> document, int maxBytes)
    {
        var root = Parse(document);
        var truncated = new List<string>();
        var bytes = Serialize(root);
        for (var round = 0; round < 64 && bytes.Length > maxBytes; round++)
        {
            var (name, length) = LargestString(root);
            var metadataLength = root[Metadata] is JsonObject metadata && metadata[TruncatedContentField] is null
                ? SerializeToString(metadata).Length
                : 0;

            if (metadataLength > length)
            {
                // The metadata object itself is the bulk: it becomes one string, cut in the next rounds.
                root[Metadata] = new JsonObject { [TruncatedContentField] = SerializeToString(root[Metadata]!) };
                Note(truncated, Metadata);
            }
            else if (name is not null && length > 16)
            {
                Cut(root, name, length / 2);
                Note(truncated, name);
            }
            else
            {
                break;
            }

            bytes = Serialize(WithMarker(root, truncated));
        }

        return Serialize(WithMarker(root, truncated));
    }

    static JsonObject WithMarker(JsonObject root, List<string> truncated)
    {
        if (truncated.Count == 0)
            return root;
        if (root[Metadata] is not JsonObject metadata)
            root[Metadata] = metadata = new JsonObject();
        var list = new JsonArray();
        foreach (var name in truncated)
            list.Add(name);
        metadata[TruncatedFieldsField] = list;
        return root;
    }

    static void Note(List<string> truncated, string name)
    {
        if (!truncated.Contains(name))
            truncated.Add(name);
    }

    /// <summary>The longest string among the top-level fields and <c>metadata.truncated_content</c>.</summary>
    static (string? Name, int Length) LargestString(JsonObject root)
    {
        string? best = null;
        var bestLength = 0;
        foreach (var (name, value) in root)
        {
            if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && text.Length > bestLength)
                (best, bestLength) = (name, text.Length);
        }

        if (root[Metadata] is JsonObject metadata && metadata[TruncatedContentField] is JsonValue content &&
            content.TryGetValue<string>(out var json) && json.Length > bestLength)
            (best, bestLength) = (Metadata + "." + TruncatedContentField, json.Length);
        return (best, bestLength);
    }

    static void Cut(JsonObject root, string name, int length)
    {
        var (owner, key) = name == Metadata + "." + TruncatedContentField ? ((JsonObject)root[Metadata]!, TruncatedContentField) : (root, name);
        var text = owner[key]!.GetValue<string>();
        // Never split a surrogate pair.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            length--;
        owner[key] = text[..length];
    }

    static JsonObject Parse(ReadOnlySpan<byte> document) =>
        JsonNode.Parse(document) as JsonObject ?? throw new JsonException("A trace document must be a JSON object.");

    static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            node.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    static string SerializeToString(JsonNode node) => System.Text.Encoding.UTF8.GetString(Serialize(node));
}
