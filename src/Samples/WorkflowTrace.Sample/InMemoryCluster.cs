using Serilog.Sinks.WorkflowTrace.TestServer;

namespace WorkflowTrace.Sample;

/// <summary>
/// The project's in-memory Elasticsearch-compatible server (the loopback server the tests use, and
/// <c>workflow-trace dev-server</c>), started when no cluster is given so that a fresh machine sees a workflow traced
/// and read back. It is not Elasticsearch, and says so.
/// </summary>
static class InMemoryCluster
{
    public const string Label = "in-memory Elasticsearch-compatible development server — not Elasticsearch; everything is lost when it stops";

    /// <summary>Starts it on a free loopback port and tells the reader what it is.</summary>
    public static async Task<FakeElasticsearch> StartAsync()
    {
        var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RecordRequests = false });
        Console.WriteLine("WORKFLOWTRACE_ES_URL is not set: tracing into the project's");
        Console.WriteLine($"  {Label},");
        Console.WriteLine($"  at {server.Url.ToString().TrimEnd('/')}. Set WORKFLOWTRACE_ES_URL to use a real cluster.");
        return server;
    }
}
