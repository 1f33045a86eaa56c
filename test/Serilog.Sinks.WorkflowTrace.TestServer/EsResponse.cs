using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>An answer before it is written: JSON (which filter_path and pretty apply to) or raw bytes.</summary>
internal sealed class EsResponse
{
    private EsResponse(int status, JsonNode? json, byte[]? raw, string? contentType)
    {
        Status = status;
        Json = json;
        Raw = raw;
        ContentType = contentType;
    }

    public int Status { get; }

    public JsonNode? Json { get; }

    public byte[]? Raw { get; }

    public string? ContentType { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Whether the answer comes from Elasticsearch itself (and so carries <c>X-Elastic-Product</c>).</summary>
    public bool FromElasticsearch { get; init; } = true;

    public static EsResponse Ok(JsonNode json, int status = 200) => new(status, json, null, "application/json");

    public static EsResponse Error(EsError error)
    {
        var response = new EsResponse(error.Status, error.ToResponseBody(), null, "application/json");
        response.Headers.AddRange(error.Headers);
        return response;
    }

    /// <summary>The flat form ES uses when no handler ran: <c>{"error":"..","status":N}</c>.</summary>
    public static EsResponse SimpleError(int status, string message) =>
        new(status, new JsonObject { ["error"] = message, ["status"] = status }, null, "application/json");

    public static EsResponse Empty(int status) => new(status, null, null, null);

    public static EsResponse RawBody(int status, byte[] body, string contentType, bool fromElasticsearch) =>
        new(status, null, body, contentType) { FromElasticsearch = fromElasticsearch };
}
