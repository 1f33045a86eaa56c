using System.Text.Json.Nodes;
using NJsonSchema;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

/// <summary>
/// The request-body schema of <c>PUT /_index_template/{name}</c>, taken from Elastic's official OpenAPI document. That
/// document lives beside the repository (<c>../shared/es-fixtures/openapi/</c>), not in it, so a checkout without it
/// skips the validation instead of failing.
/// </summary>
static class PutIndexTemplateSchema
{
    const string OpenApiRelativePath = "../shared/es-fixtures/openapi/elasticsearch-serverless-openapi.json";
    const string SchemasPointer = "#/components/schemas/";

    static readonly Lazy<Task<JsonSchema>> Schema = new(() => LoadAsync(OpenApiPath()!));

    /// <summary>The schema; the calling test is ignored when the OpenAPI document is not beside the repository.</summary>
    public static Task<JsonSchema> LoadOrIgnoreAsync()
    {
        var path = OpenApiPath();
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore($"The official OpenAPI document is not at {path ?? OpenApiRelativePath + " (next to the folder holding Serilog.Sinks.WorkflowTrace.sln)"}; " +
                          "the template body cannot be validated against it here.");
        }
        return Schema.Value;
    }

    static string? OpenApiPath() =>
        RepositoryRoot.Find() is { } root ? Path.GetFullPath(Path.Combine(root.FullName, OpenApiRelativePath)) : null;

    /// <summary>
    /// A JSON Schema document with the request-body schema at its root and the component schemas it reaches under
    /// <c>definitions</c>. NJsonSchema resolves <c>$ref</c>s only through schema objects: a <c>components</c> object
    /// beside the root stays unparsed extension data and its references fail to resolve, so every
    /// <c>#/components/schemas/X</c> (in <c>$ref</c>s and in discriminator mappings) becomes <c>#/definitions/X</c>.
    /// </summary>
    static async Task<JsonSchema> LoadAsync(string path)
    {
        JsonObject openApi;
        await using (var stream = File.OpenRead(path))
            openApi = (await JsonNode.ParseAsync(stream))!.AsObject();

        var allSchemas = openApi["components"]!["schemas"]!.AsObject();
        var body = openApi["components"]!["requestBodies"]!["indices.put_index_template"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();

        // Only the schemas reachable from the body: the whole document holds thousands, which NJsonSchema would all resolve.
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

        RestoreWhatTheExportLost(reachable);
        body["definitions"] = reachable;
        return await JsonSchema.FromJsonAsync(body.ToJsonString().Replace($"\"{SchemasPointer}", "\"#/definitions/", StringComparison.Ordinal));
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
