using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>A fresh loopback Elasticsearch for every test.</summary>
public abstract class LoopbackServerTest
{
    /// <summary>How long a test waits for documents that should arrive; far beyond what they need.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected FakeElasticsearch Server { get; private set; } = null!;

    [SetUp]
    public async Task StartServer() => Server = await FakeElasticsearch.StartAsync();

    [TearDown]
    public async Task StopServer() => await Server.DisposeAsync();
}
