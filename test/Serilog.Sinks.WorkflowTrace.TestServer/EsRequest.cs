using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A request as the handlers see it: decoded body, path segments, query parameters.</summary>
internal sealed class EsRequest
{
    public required string Method { get; init; }

    /// <summary>The path as received, e.g. <c>/logs/_bulk</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The path and query string, as Elasticsearch quotes the request in messages.</summary>
    public required string Uri { get; init; }

    public required string[] Segments { get; init; }

    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public required byte[] Body { get; init; }

    public string? ContentType { get; init; }

    public string? Param(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether a flag parameter is on: present without a value, or not "false".</summary>
    public bool Flag(string name) => Param(name) is { } value && value != "false";

    /// <summary>Parses a JSON body; syntax errors are Elasticsearch's 400 x_content_parse_exception.</summary>
    public JsonNode? ParseJsonBody()
    {
        try
        {
            return JsonNode.Parse(Body, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new EsErrorException(EsErrors.XContentParse(exception));
        }
        catch (ArgumentException exception)
        {
            // JsonObject refuses duplicate keys, as Jackson's strict duplicate detection does.
            throw new EsErrorException(new EsError(400, "x_content_parse_exception", $"[1:1] {exception.Message}"));
        }
    }
}
