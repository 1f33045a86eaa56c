using System.Net;
using System.Net.Sockets;
using System.Text;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.TestServer;

/// <summary>Stopping a server like a node that dies, and restarting it on the same port.</summary>
public class FakeElasticsearchRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private FakeElasticsearch _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await FakeElasticsearch.StartAsync();
        _client = new HttpClient { BaseAddress = _server.Url };
    }

    [TearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task AStoppedServerRefusesConnections()
    {
        using var before = await _client.GetAsync("/");

        await _server.StopAsync();
        using var fresh = new HttpClient { BaseAddress = _server.Url };
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/"));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_server.IsRunning, Is.False);
        Assert.That(refused!.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(refused.InnerException, Is.InstanceOf<SocketException>()
            .With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        Assert.That(async () => await _client.GetAsync("/"), Throws.InstanceOf<HttpRequestException>(),
            "a client whose pooled connection was closed cannot get through either");
    }

    [Test]
    public async Task ARestartedServerAnswersOnTheSameUrlWithWhatItHeld()
    {
        var url = _server.Url;
        using var created = await PostBulk("""{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n");

        await _server.StopAsync();
        await _server.RestartAsync();
        using var count = await _client.GetAsync("/logs/_count");
        using var conflict = await PostBulk("""{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n");

        Assert.That(_server.IsRunning, Is.True);
        Assert.That(_server.Url, Is.EqualTo(url));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await count.Content.ReadAsStringAsync(), Does.StartWith("""{"count":1,"""));
        Assert.That(await conflict.Content.ReadAsStringAsync(), Does.Contain("\"status\":409"));
        Assert.That(_server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/_bulk", "/logs/_count", "/_bulk" }));
    }

    [Test]
    public async Task StoppingCutsOffARequestInProgressWithoutAnAnswer()
    {
        _server.Faults.Delay(TimeSpan.FromMinutes(5));
        var pending = PostBulk("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n");
        await UntilReceived(1);

        await _server.StopAsync();

        Assert.That(async () => await pending, Throws.InstanceOf<HttpRequestException>());
        Assert.That(_server.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task StoppingTwiceAndRestartingARunningServerAreHarmless()
    {
        await _server.RestartAsync();
        using var afterRestart = await _client.GetAsync("/");
        await _server.StopAsync();
        await _server.StopAsync();
        await _server.RestartAsync();
        using var afterStops = await _client.GetAsync("/");

        Assert.That(afterRestart.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterStops.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ADisposedServerCannotBeRestarted()
    {
        await _server.DisposeAsync();

        Assert.That(_server.IsRunning, Is.False);
        Assert.That(async () => await _server.RestartAsync(), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(async () => await _server.StopAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    private Task<HttpResponseMessage> PostBulk(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-ndjson");
        return _client.PostAsync("/_bulk", content);
    }

    private async Task UntilReceived(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (_server.Requests.Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }
}
