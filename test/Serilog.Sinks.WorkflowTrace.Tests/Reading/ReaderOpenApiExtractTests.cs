using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// The reader's schema extract is exactly what the official OpenAPI document holds, so validating the reader's request
/// bodies against the extract is validating them against the specification.
/// </summary>
public class ReaderOpenApiExtractTests
{
    [Test]
    public async Task TheShippedReaderExtractIsWhatTheOfficialDocumentHolds()
    {
        var openApiPath = OpenApiExtract.OpenApiPath();
        if (openApiPath is null)
        {
            Assert.Ignore($"The official OpenAPI document is not at {OpenApiExtract.OpenApiRelativePath} (beside the folder holding " +
                          "Serilog.Sinks.WorkflowTrace.sln), so the shipped extract cannot be compared with it here; the request-body " +
                          "validation itself uses the extract and runs anyway.");
        }

        JsonObject openApi;
        await using (var stream = File.OpenRead(openApiPath))
            openApi = (await JsonNode.ParseAsync(stream))!.AsObject();
        var expected = ReaderRequestSchemas.Extract(openApi);
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiExtract.PathOf(ReaderRequestSchemas.ExtractRelativePath)));

        if (!JsonNode.DeepEquals(expected, shipped))
        {
            var receivedPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "reader-request-bodies.received.json");
            await File.WriteAllTextAsync(receivedPath, expected.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            var source = RepositoryRoot.Find() is { } root
                ? Path.Combine(root.FullName, "test", "Serilog.Sinks.WorkflowTrace.Tests", ReaderRequestSchemas.ExtractRelativePath)
                : ReaderRequestSchemas.ExtractRelativePath;
            Assert.Fail($"The shipped extract differs from the official document. If the document was updated, copy the new extract over it:\n  cp '{receivedPath}' '{source}'");
        }
    }

    [Test]
    public async Task EveryEndpointOfTheReaderHasASchemaThatLoads()
    {
        foreach (var (endpoint, _) in ReaderRequestSchemas.Endpoints)
        {
            var schema = await ReaderRequestSchemas.LoadAsync(endpoint);
            Assert.That(schema.Validate("{}").Select(e => e.ToString()), endpoint is "scroll" or "close_point_in_time" ? Is.Not.Empty : Is.Empty,
                $"{endpoint}: an empty body is refused only where the specification requires a property");
        }
    }
}
