using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

/// <summary>
/// The schema extract the repository ships is exactly what the official OpenAPI document holds, so validating against
/// the extract is validating against the specification.
/// </summary>
public class OpenApiExtractTests
{
    [Test]
    public async Task TheShippedExtractIsWhatTheOfficialDocumentHolds()
    {
        var openApiPath = PutIndexTemplateSchema.OpenApiPath();
        if (openApiPath is null)
        {
            Assert.Ignore($"The official OpenAPI document is not at {PutIndexTemplateSchema.OpenApiRelativePath} (beside the folder " +
                          "holding Serilog.Sinks.WorkflowTrace.sln), so the shipped extract cannot be compared with it here; the " +
                          "template validation itself uses the extract and runs anyway.");
        }

        JsonObject openApi;
        await using (var stream = File.OpenRead(openApiPath))
            openApi = (await JsonNode.ParseAsync(stream))!.AsObject();
        var expected = PutIndexTemplateSchema.Extract(openApi);
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(PutIndexTemplateSchema.ExtractPath));

        if (!JsonNode.DeepEquals(expected, shipped))
        {
            var receivedPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "indices.put_index_template.received.json");
            await File.WriteAllTextAsync(receivedPath, expected.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            var source = RepositoryRoot.Find() is { } root
                ? Path.Combine(root.FullName, "test", "Serilog.Sinks.WorkflowTrace.Tests", PutIndexTemplateSchema.ExtractRelativePath)
                : PutIndexTemplateSchema.ExtractRelativePath;
            Assert.Fail($"The shipped extract differs from the official document. If the document was updated, copy the new extract over it:\n  cp '{receivedPath}' '{source}'");
        }
    }
}
