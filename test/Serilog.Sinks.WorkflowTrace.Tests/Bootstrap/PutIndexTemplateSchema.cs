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
    public const string OpenApiRelativePath = "../shared/es-fixtures/openapi/elasticsearch-serverless-openapi.json";
    public const string ExtractRelativePath = "Fixtures/openapi/indices.put_index_template.json";
    const string SchemasPointer = "#/components/schemas/";

    static readonly Lazy<Task<JsonSchema>> Schema = new(ReadExtractAsync);

    /// <summary>The schema, from the extract shipped with the tests.</summary>
    public static Task<JsonSchema> LoadAsync() => Schema.Value;

    /// <summary>The shipped extract in the test output.</summary>
    public static string ExtractPath => Path.Combine(TestContext.CurrentContext.TestDirectory, ExtractRelativePath);

    /// <summary>The whole OpenAPI document beside the repository, or null when the tests run without it.</summary>
    public static string? OpenApiPath() =>
        RepositoryRoot.Find() is { } root && Path.GetFullPath(Path.Combine(root.FullName, OpenApiRelativePath)) is var path && File.Exists(path)
            ? path
            : null;

    static async Task<JsonSchema> ReadExtractAsync()
    {
        JsonObject extract;
        await using (var stream = File.OpenRead(ExtractPath))
            extract = (await JsonNode.ParseAsync(stream))!.AsObject();

        var body = extract["requestBody"]!.DeepClone().AsObject();
        var reachable = extract["schemas"]!.DeepClone().AsObject();
        RestoreWhatTheExportLost(reachable);
        body["definitions"] = reachable;
        return await JsonSchema.FromJsonAsync(body.ToJsonString().Replace($"\"{SchemasPointer}", "\"#/definitions/", StringComparison.Ordinal));
    }

    /// <summary>
    /// From the whole OpenAPI document: the request-body schema and only the component schemas reachable from it (the
    /// document holds thousands, which NJsonSchema would all resolve), unchanged. NJsonSchema resolves <c>$ref</c>s only
    /// through schema objects, so <see cref="LoadAsync"/> moves them under <c>definitions</c> and rewrites every
    /// <c>#/components/schemas/X</c> (in <c>$ref</c>s and in discriminator mappings) to <c>#/definitions/X</c>.
    /// </summary>
    public static JsonObject Extract(JsonObject openApi)
    {
        var allSchemas = openApi["components"]!["schemas"]!.AsObject();
        var body = openApi["components"]!["requestBodies"]!["indices.put_index_template"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();

        var reachable = new JsonObject();
        var pending = new Queue<JsonNode>([body]);
        while (pending.TryDequeue(out var node))
        {
            foreach (var name in References(node))
            {
                if (reachable.ContainsKey(name))
                    continue;
                var schema = allSchemas[name] ?? throw new InvalidOperationException($"The OpenAPI document has no schema {name}.");
                reachable[name] = schema.DeepClone();
                pending.Enqueue(reachable[name]!);
            }
        }

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

    static IEnumerable<string> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>() is var target &&
                        target.StartsWith(SchemasPointer, StringComparison.Ordinal))
                    {
                        yield return target[SchemasPointer.Length..];
                    }
                    else if (value is not null)
                    {
                        foreach (var name in References(value))
                            yield return name;
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    foreach (var name in References(item))
                        yield return name;
                }
                break;
        }
    }
}
