using System.Text.Json.Nodes;
using NJsonSchema;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

/// <summary>
/// The request-body schema of <c>PUT /_index_template/{name}</c>, taken from Elastic's official OpenAPI document
/// (elastic/elasticsearch-specification, Apache-2.0). That 4 MB document lives beside the repository
/// (<c>../shared/es-fixtures/openapi/</c>); the repository ships the part the tests use — the request body and the
/// schemas it reaches — in <see cref="ExtractPath"/>, so the validation runs in any clone.
/// <c>OpenApiExtractTests</c> checks the extract against the whole document when that is present.
/// </summary>
static class PutIndexTemplateSchema
{
    public const string OpenApiRelativePath = OpenApiExtract.OpenApiRelativePath;
    public const string ExtractRelativePath = "Fixtures/openapi/indices.put_index_template.json";

    static readonly Lazy<Task<JsonSchema>> Schema = new(ReadExtractAsync);

    /// <summary>The schema, from the extract shipped with the tests.</summary>
    public static Task<JsonSchema> LoadAsync() => Schema.Value;

    /// <summary>The shipped extract in the test output.</summary>
    public static string ExtractPath => OpenApiExtract.PathOf(ExtractRelativePath);

    /// <summary>The whole OpenAPI document beside the repository, or null when the tests run without it.</summary>
    public static string? OpenApiPath() => OpenApiExtract.OpenApiPath();

    static async Task<JsonSchema> ReadExtractAsync()
    {
        JsonObject extract;
        await using (var stream = File.OpenRead(ExtractPath))
            extract = (await JsonNode.ParseAsync(stream))!.AsObject();

        var reachable = extract["schemas"]!.DeepClone().AsObject();
        RestoreWhatTheExportLost(reachable);
        return await OpenApiExtract.ToJsonSchemaAsync(extract["requestBody"]!.AsObject(), reachable);
    }

    /// <summary>
    /// From the whole OpenAPI document: the request-body schema and only the component schemas reachable from it,
    /// unchanged (see <see cref="OpenApiExtract"/>).
    /// </summary>
    public static JsonObject Extract(JsonObject openApi)
    {
        var allSchemas = openApi["components"]!["schemas"]!.AsObject();
        var body = openApi["components"]!["requestBodies"]!["indices.put_index_template"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();

        var reachable = OpenApiExtract.Reachable(allSchemas, [body]);

        return new JsonObject
        {
            ["source"] = "elastic/elasticsearch-specification (Apache-2.0), output/openapi/elasticsearch-serverless-openapi.json: " +
                         "components.requestBodies[\"indices.put_index_template\"] and the component schemas it reaches, unchanged",
            ["requestBody"] = body,
            ["schemas"] = reachable,
        };
    }

    /// <summary>
    /// Two types of the specification lose part of their meaning in the OpenAPI export; without these corrections the
    /// documented form of a template (Elastic's own examples included) would be reported invalid.
    /// </summary>
    static void RestoreWhatTheExportLost(JsonObject schemas)
    {
        // The specification's DynamicMapping is "a boolean that evolved into an enum": booleans are accepted and true and
        // false must even be sent as JSON booleans (@es_quirk in _types/mapping/dynamic-template.ts). The export keeps
        // only the string enum.
        if (schemas["_types.mapping.DynamicMapping"] is JsonObject dynamic)
        {
            schemas["_types.mapping.DynamicMapping"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "boolean" }, dynamic.DeepClone()),
            };
        }

        // Metadata is Dictionary<string, UserDefinedValue>: any JSON value. The export writes UserDefinedValue as
        // {"type": "object"}, which would allow only objects as _meta values.
        if (schemas["_types.Metadata"] is JsonObject metadata)
            metadata["additionalProperties"] = new JsonObject();
    }
}
