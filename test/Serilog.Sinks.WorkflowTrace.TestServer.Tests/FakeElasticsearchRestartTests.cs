using System.Net;
using System.Net.Sockets;
using System.Text;
using Serilog.Sinks.WorkflowTrace.TestServer.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Stopping a server like a node that dies, and restarting it on the same port.</summary>
public class FakeElasticsearchRestartTests : FakeServerHttpTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task AStoppedServerRefusesConnections()
    {
        using var before = await Client.GetAsync("/");

        await Server.StopAsync();
        using var fresh = new HttpClient { BaseAddress = Server.Url };
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/"));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.IsRunning, Is.False);
        Assert.That(refused!.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(refused.InnerException, Is.InstanceOf<SocketException>()
            .With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        Assert.That(async () => await Client.GetAsync("/"), Throws.InstanceOf<HttpRequestException>(),
            "a client whose pooled connection was closed cannot get through either");
    }

    [Test]
    public async Task ARestartedServerAnswersOnTheSameUrlWithWhatItHeld()
    {
        var url = Server.Url;
        using var created = await PostBulk("""{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n");

        await Server.StopAsync();
        await Server.RestartAsync();
        using var count = await Client.GetAsync("/logs/_count");
        using var conflict = await PostBulk("""{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n");

        Assert.That(Server.IsRunning, Is.True);
        Assert.That(Server.Url, Is.EqualTo(url));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await count.Content.ReadAsStringAsync(), Does.StartWith("""{"count":1,"""));
        Assert.That(await conflict.Content.ReadAsStringAsync(), Does.Contain("\"status\":409"));
        Assert.That(Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/_bulk", "/logs/_count", "/_bulk" }));
    }

    [Test]
    public async Task StoppingCutsOffARequestInProgressWithoutAnAnswer()
    {
        Server.Faults.Delay(TimeSpan.FromMinutes(5));
        var pending = PostBulk("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n");
        await UntilReceived(1);

        await Server.StopAsync();

        Assert.That(async () => await pending, Throws.InstanceOf<HttpRequestException>());
        Assert.That(Server.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task StoppingTwiceAndRestartingARunningServerAreHarmless()
    {
        await Server.RestartAsync();
        using var afterRestart = await Client.GetAsync("/");
        await Server.StopAsync();
        await Server.StopAsync();
        await Server.RestartAsync();
        using var afterStops = await Client.GetAsync("/");

        Assert.That(afterRestart.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterStops.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ADisposedServerCannotBeRestarted()
    {
        await Server.DisposeAsync();

        Assert.That(Server.IsRunning, Is.False);
        Assert.That(async () => await Server.RestartAsync(), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(async () => await Server.StopAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    private Task<HttpResponseMessage> PostBulk(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-ndjson");
        return Client.PostAsync("/_bulk", content);
    }

    private async Task UntilReceived(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (Server.Requests.Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }
}
