using System.Text.Json.Nodes;
using NJsonSchema;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// The way request-body schemas are taken from Elastic's official OpenAPI document (elastic/elasticsearch-specification,
/// Apache-2.0) and made into schemas NJsonSchema validates with. The 4 MB document lives beside the repository
/// (<see cref="OpenApiRelativePath"/>); the repository ships extracts of it under <c>Fixtures/openapi/</c>: a request body
/// and only the component schemas it reaches (the document holds thousands, which NJsonSchema would all resolve),
/// unchanged, so the validation runs in any clone and a test compares each extract with the document when present.
/// </summary>
static class OpenApiExtract
{
    public const string OpenApiRelativePath = "../shared/es-fixtures/openapi/elasticsearch-serverless-openapi.json";
    public const string SchemasPointer = "#/components/schemas/";

    /// <summary>The whole OpenAPI document beside the repository, or null when the tests run without it.</summary>
    public static string? OpenApiPath() =>
        RepositoryRoot.Find() is { } root && Path.GetFullPath(Path.Combine(root.FullName, OpenApiRelativePath)) is var path && File.Exists(path)
            ? path
            : null;

    /// <summary>A shipped extract in the test output.</summary>
    public static string PathOf(string extractRelativePath) => Path.Combine(TestContext.CurrentContext.TestDirectory, extractRelativePath);

    /// <summary>The component schemas <paramref name="roots"/> reach through <c>$ref</c>, transitively, unchanged, by name.</summary>
    public static JsonObject Reachable(JsonObject allSchemas, IEnumerable<JsonNode> roots)
    {
        var reachable = new JsonObject();
        var pending = new Queue<JsonNode>(roots);
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
        return reachable;
    }

    /// <summary>
    /// A schema NJsonSchema can validate with: <paramref name="body"/> with <paramref name="schemas"/> under
    /// <c>definitions</c>. NJsonSchema resolves <c>$ref</c>s only through schema objects, so every
    /// <c>#/components/schemas/X</c> (in <c>$ref</c>s and in discriminator mappings) becomes <c>#/definitions/X</c>.
    /// </summary>
    public static Task<JsonSchema> ToJsonSchemaAsync(JsonObject body, JsonObject schemas)
    {
        var schema = body.DeepClone().AsObject();
        schema["definitions"] = schemas.DeepClone();
        return JsonSchema.FromJsonAsync(schema.ToJsonString().Replace($"\"{SchemasPointer}", "\"#/definitions/", StringComparison.Ordinal));
    }

    /// <summary>The names of the component schemas <paramref name="node"/> refers to directly.</summary>
    public static IEnumerable<string> References(JsonNode node)
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
