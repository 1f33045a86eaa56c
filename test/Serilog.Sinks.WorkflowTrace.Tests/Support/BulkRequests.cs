using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Reads the bulk requests a fake server received.</summary>
static class BulkRequests
{
    public static IReadOnlyList<RecordedRequest> Of(FakeElasticsearch server) =>
        server.Requests.Where(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal)).ToList();

    /// <summary>The document ids of one bulk request, in order.</summary>
    public static IReadOnlyList<string> Ids(RecordedRequest request) =>
        request.BodyText.TrimEnd('\n').Split('\n')
            .Where((_, i) => i % 2 == 0)
            .Select(line => JsonDocument.Parse(line).RootElement.EnumerateObject().Single().Value.GetProperty("_id").GetString()!)
            .ToList();
}
