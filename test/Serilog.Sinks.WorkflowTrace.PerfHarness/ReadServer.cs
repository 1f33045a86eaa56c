using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The loopback Elasticsearch for the read measurement, in a process of its own so that the reader's process
/// allocates and collects only for itself: prints <c>LISTENING url</c>, serves until its standard input closes.
/// </summary>
static class ReadServer
{
    public static async Task<int> RunAsync()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        Console.WriteLine($"LISTENING {server.Url}");
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
