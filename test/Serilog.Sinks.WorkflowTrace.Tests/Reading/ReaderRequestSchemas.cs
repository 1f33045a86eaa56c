using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// The request-body schemas of the endpoints the reader calls, from Elastic's official OpenAPI document, taken the way
/// the template body's schema is (<see cref="OpenApiExtract"/>): the repository ships them with the component schemas
/// they reach in <see cref="ExtractRelativePath"/>; <c>ReaderOpenApiExtractTests</c> compares that with the document.
/// </summary>
static class ReaderRequestSchemas
{
    public const string ExtractRelativePath = "Fixtures/openapi/reader-request-bodies.json";

    /// <summary>Each endpoint (the specification's name) and where its request-body schema sits in the document.</summary>
    public static readonly IReadOnlyList<(string Endpoint, string[] Location)> Endpoints =
    [
        ("search", RequestBody("search")),
        ("count", RequestBody("count")),
        ("open_point_in_time", ["paths", "/{index}/_pit", "post", "requestBody", "content", "application/json", "schema"]),
        ("close_point_in_time", ["paths", "/_pit", "delete", "requestBody", "content", "application/json", "schema"]),
        ("scroll", RequestBody("scroll")),
        ("clear_scroll", RequestBody("clear_scroll")),
        ("indices.put_settings", RequestBody("indices.put_settings")),
    ];

    static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Loaded = new();
    static readonly Lazy<JsonObject> Shipped = new(() => JsonNode.Parse(File.ReadAllText(OpenApiExtract.PathOf(ExtractRelativePath)))!.AsObject());

    static string[] RequestBody(string name) => ["components", "requestBodies", name, "content", "application/json", "schema"];

    /// <summary>
    /// The schema of <paramref name="endpoint"/>'s request body, from the shipped extract, with the export's losses
    /// restored (<see cref="OpenApiExportRepairs"/>); <paramref name="repaired"/> false gives it as exported, for the
    /// tests that show each repair is needed.
    /// </summary>
    public static Task<JsonSchema> LoadAsync(string endpoint, bool repaired = true) =>
        Loaded.GetOrAdd($"{endpoint}|{repaired}", _ => new Lazy<Task<JsonSchema>>(() => BuildAsync(endpoint, repaired))).Value;

    /// <summary>From the whole OpenAPI document: each endpoint's request-body schema and the component schemas they reach, unchanged.</summary>
    public static JsonObject Extract(JsonObject openApi)
    {
        var bodies = new JsonObject();
        foreach (var (endpoint, location) in Endpoints)
        {
            var node = location.Aggregate((JsonNode?)openApi, (at, step) => at?[step])
                       ?? throw new InvalidOperationException($"The OpenAPI document has no request body for {endpoint} at {string.Join("/", location)}.");
            bodies[endpoint] = node.DeepClone();
        }

        var allSchemas = openApi["components"]!["schemas"]!.AsObject();
        return new JsonObject
        {
            ["source"] = "elastic/elasticsearch-specification (Apache-2.0), output/openapi/elasticsearch-serverless-openapi.json: the request-body " +
                         "schemas of " + string.Join(", ", Endpoints.Select(e => e.Endpoint)) + " and the component schemas they reach, unchanged",
            ["requestBodies"] = bodies,
            ["schemas"] = OpenApiExtract.Reachable(allSchemas, bodies.Select(b => b.Value!)),
        };
    }

    static Task<JsonSchema> BuildAsync(string endpoint, bool repaired)
    {
        var body = Shipped.Value["requestBodies"]![endpoint]?.DeepClone().AsObject()
                   ?? throw new ArgumentException($"No request-body schema for endpoint '{endpoint}' in the extract.", nameof(endpoint));
        var schemas = OpenApiExtract.Reachable(Shipped.Value["schemas"]!.AsObject(), [body]);
        // A body that is only a $ref (indices.put_settings) would be replaced by its target before the definitions it
        // needs are read: NJsonSchema then finds none.
        if (body.Count == 1 && body["$ref"] is not null)
            body = new JsonObject { ["allOf"] = new JsonArray(body) };
        if (repaired)
            OpenApiExportRepairs.Apply(endpoint, body, schemas);
        return OpenApiExtract.ToJsonSchemaAsync(body, schemas);
    }
}
