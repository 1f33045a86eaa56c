using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests.Support;

/// <summary>A fresh loopback server for every test, and a plain HTTP client aimed at it.</summary>
public abstract class FakeServerHttpTest
{
    protected FakeElasticsearch Server { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartServer()
    {
        Server = await FakeElasticsearch.StartAsync();
        Client = new HttpClient { BaseAddress = Server.Url };
    }

    [TearDown]
    public async Task StopServer()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
