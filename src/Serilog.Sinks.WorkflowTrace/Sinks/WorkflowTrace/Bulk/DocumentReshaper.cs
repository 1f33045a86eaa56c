using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Rewrites a trace document that Elasticsearch cannot take as it is. <see cref="Degrade"/>: after a rejection of
/// its content, the content (<c>metadata</c> and any top-level field the reason names) is kept as one JSON string,
/// <c>metadata.degraded_content</c>, beside <c>metadata.degraded_reason</c> — a type conflict then loses nothing.
/// <see cref="Truncate"/>: a document over the size limit has its largest strings (message, stack trace,
/// metadata...) cut until it fits, and lists them in <c>metadata.truncated_fields</c>. Either way the document keeps
/// <c>metadata.message_template</c>, which the field contract requires in every document. The rare path: these
/// parse and rewrite the document rather than slow down the writer.
/// </summary>
static class DocumentReshaper
{
    public const string DegradedContentField = "degraded_content";
    public const string DegradedReasonField = "degraded_reason";
    public const string TruncatedFieldsField = "truncated_fields";
    public const string TruncatedContentField = "truncated_content";
    const string MessageTemplateField = TraceContract.MessageTemplate;
    static readonly string Metadata = TraceContract.Name(TraceField.Metadata);
    const int MaxReasonLength = 2000;

    /// <summary>Fields the sink always writes in the mapped type itself; a reason never makes them go.</summary>
    static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        TraceContract.Name(TraceField.Datetime), TraceContract.Timestamp, TraceContract.Name(TraceField.Level),
        TraceContract.Name(TraceField.CreatedAt), Metadata,
    };

    /// <summary>What the sink itself writes under metadata, kept there through degrading and truncating.</summary>
    static readonly string[] OwnMetadata = [MessageTemplateField, TruncatedFieldsField, DegradedReasonField, DegradedContentField, TruncatedContentField];

    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Degrade(ReadOnlySpan<byte> document, string reason)
    {
        var root = Parse(document);
        var names = RejectedFieldNames.In(reason).ToList();
        var moved = new JsonObject();
        var metadata = new JsonObject();
        if (root[Metadata] is { } content)
        {
            root.Remove(Metadata);
            // The template and the list of cut fields stay where readers look for them, unless the reason names them.
            if (content is JsonObject members)
            {
                foreach (var name in (ReadOnlySpan<string>)[MessageTemplateField, TruncatedFieldsField])
                {
                    if (members[name] is { } value && !names.Contains(Metadata + "." + name))
                    {
                        members.Remove(name);
                        metadata[name] = value;
                    }
                }
            }
            if (content is not JsonObject { Count: 0 })
                moved[Metadata] = content;
        }

        // "failed to parse field [duration_ms] of type [float]", "immense term in field=\"job_name\"": a top-level
        // field named by the reason (or the parent of a sub-field it names) goes too.
        foreach (var name in names)
            Move(root, moved, name.Split('.')[0]);

        // An immense term whose field the reason does not name recognisably: every value over the limit goes.
        if (RejectedFieldNames.IsImmenseTerm(reason))
        {
            foreach (var (name, value) in root.ToList())
            {
                if (KeywordLimit.HoldsImmenseTerm(value))
                    Move(root, moved, name);
            }
        }

        metadata[DegradedReasonField] = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
        metadata[DegradedContentField] = SerializeToString(moved);
        root[Metadata] = metadata;
        return Serialize(root);
    }

    static void Move(JsonObject root, JsonObject moved, string name)
    {
        if (!Kept.Contains(name) && root[name] is { } value)
        {
            root.Remove(name);
            moved[name] = value;
        }
    }

    public static byte[] Truncate(ReadOnlySpan<byte> document, int maxBytes)
    {
        var root = Parse(document);
        var truncated = new List<string>();
        var bytes = Serialize(root);
        for (var round = 0; round < 64 && bytes.Length > maxBytes; round++)
        {
            var largest = LargestString(root);
            var (rest, restLength) = RestOfMetadata(root);

            if (rest is not null && restLength > largest.Length)
            {
                // The user's metadata itself is the bulk: it becomes one string, cut in the next rounds; what the sink
                // writes there itself (the template, the degraded reason...) stays.
                var members = (JsonObject)root[Metadata]!;
                foreach (var name in rest.Select(p => p.Key).ToList())
                    members.Remove(name);
                members[TruncatedContentField] = SerializeToString(rest);
                Note(truncated, Metadata);
            }
            else if (largest.Owner is not null && largest.Length > 16)
            {
                Cut(largest.Owner, largest.Key!, largest.Length / 2);
                Note(truncated, largest.Name!);
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
        if (truncated.Count > 0)
            KeywordLimit.NoteTruncated(root, truncated);
        return root;
    }

    static void Note(List<string> truncated, string name)
    {
        if (!truncated.Contains(name))
            truncated.Add(name);
    }

    /// <summary>The user's members of <c>metadata</c> (a new object holding copies) and their serialized length; null when there are none.</summary>
    static (JsonObject? Members, int Length) RestOfMetadata(JsonObject root)
    {
        if (root[Metadata] is not JsonObject metadata)
            return (null, 0);
        JsonObject? rest = null;
        foreach (var (name, value) in metadata)
        {
            if (!OwnMetadata.Contains(name))
                (rest ??= new JsonObject())[name] = value?.DeepClone();
        }
        return rest is null ? (null, 0) : (rest, SerializeToString(rest).Length);
    }

    /// <summary>The longest string among the top-level fields and the sink's own strings under <c>metadata</c>.</summary>
    static (JsonObject? Owner, string? Key, string? Name, int Length) LargestString(JsonObject root)
    {
        (JsonObject? Owner, string? Key, string? Name, int Length) best = (null, null, null, 0);
        foreach (var (name, value) in root)
        {
            if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && text.Length > best.Length)
                best = (root, name, name, text.Length);
        }

        if (root[Metadata] is JsonObject metadata)
        {
            foreach (var name in OwnMetadata)
            {
                if (metadata[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > best.Length)
                    best = (metadata, name, Metadata + "." + name, text.Length);
            }
        }
        return best;
    }

    static void Cut(JsonObject owner, string key, int length)
    {
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
