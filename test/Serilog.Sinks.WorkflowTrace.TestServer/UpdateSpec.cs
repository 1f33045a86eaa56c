using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>The body of a bulk update item (UpdateRequest.fromXContent).</summary>
internal sealed class UpdateSpec
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "doc", "upsert", "doc_as_upsert", "script", "scripted_upsert", "detect_noop", "_source",
    };

    public JsonObject? Doc { get; private init; }

    public JsonObject? Upsert { get; private init; }

    public bool DocAsUpsert { get; private init; }

    public bool HasScript { get; private init; }

    public bool ScriptedUpsert { get; private init; }

    public bool DetectNoop { get; private init; } = true;

    /// <summary>The raw line, handed to item rules.</summary>
    public required byte[] Body { get; init; }

    /// <summary>Parses an update line; malformed ones fail the whole request, as in Elasticsearch.</summary>
    public static UpdateSpec Parse(byte[] line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new EsErrorException(EsErrors.XContentParse(exception));
        }
        catch (ArgumentException exception)
        {
            // JsonObject refuses duplicate keys; Jackson's strict duplicate detection refuses them too.
            throw new EsErrorException(new EsError(400, "x_content_parse_exception", $"[1:1] {exception.Message}"));
        }

        if (node is not JsonObject body)
        {
            throw new EsErrorException(new EsError(400, "x_content_parse_exception", "[1:1] [UpdateRequest] Expected START_OBJECT"));
        }

        foreach (var (key, _) in body)
        {
            if (!KnownFields.Contains(key))
            {
                throw new EsErrorException(new EsError(400, "x_content_parse_exception", $"[1:2] [UpdateRequest] unknown field [{key}]"));
            }
        }

        return new UpdateSpec
        {
            Body = line,
            Doc = ObjectOrNull(body, "doc"),
            Upsert = ObjectOrNull(body, "upsert"),
            DocAsUpsert = body["doc_as_upsert"]?.GetValueKind() == JsonValueKind.True,
            HasScript = body.ContainsKey("script"),
            ScriptedUpsert = body["scripted_upsert"]?.GetValueKind() == JsonValueKind.True,
            DetectNoop = body["detect_noop"]?.GetValueKind() != JsonValueKind.False,
        };
    }

    /// <summary>UpdateRequest.validate's complaints.</summary>
    public IEnumerable<string> ValidationErrors()
    {
        if (Doc is null && !HasScript)
        {
            yield return "script or doc is missing";
        }

        if (Doc is not null && HasScript)
        {
            yield return "can't provide both script and doc";
        }

        if (DocAsUpsert && Doc is null)
        {
            yield return "doc must be specified if doc_as_upsert is enabled";
        }
    }

    private static JsonObject? ObjectOrNull(JsonObject body, string key) => body[key] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw new EsErrorException(new EsError(400, "x_content_parse_exception",
            $"[1:2] [UpdateRequest] {key} doesn't support values of type: VALUE_STRING")),
    };
}
