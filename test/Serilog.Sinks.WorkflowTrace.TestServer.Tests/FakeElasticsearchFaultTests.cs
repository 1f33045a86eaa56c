using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Faults after the work is done (a cut or late answer) and a proxy's HTML in place of Elasticsearch's answer.</summary>
public class FakeElasticsearchFaultTests : FakeServerHttpTest
{
    private const string Bulk = """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n";
    private const string Html = "<html><head><title>Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task AnAnswerDroppedMidwayArrivesWithItsHeadersAndPartOfItsBodyAfterTheDocumentsWereStored()
    {
        Server.Faults.DropMidResponse();

        using var response = await Client.SendAsync(BulkRequest(), HttpCompletionOption.ResponseHeadersRead);
        var declared = response.Content.Headers.ContentLength;
        var (received, failure) = await ReadAll(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("X-Elastic-Product"), Is.EqualTo(new[] { "Elasticsearch" }));
        Assert.That(failure, Is.InstanceOf<IOException>(), "the body ends before its Content-Length");
        Assert.That(declared, Is.Not.Null);
        Assert.That(received, Is.GreaterThan(0).And.LessThan(declared!.Value));
        Assert.That(Server.DocumentCount, Is.EqualTo(1), "the request was processed before its answer was cut");
    }

    [Test]
    public async Task AnAnswerDroppedMidwayFailsABufferingClientAndOnlyOnce()
    {
        Server.Faults.DropMidResponse();

        Assert.That(async () => await Client.SendAsync(BulkRequest()), Throws.InstanceOf<HttpRequestException>());
        using var next = await Client.SendAsync(BulkRequest());

        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(await next.Content.ReadAsStringAsync())!["errors"]!.GetValue<bool>(), Is.False);
        Assert.That(Server.DocumentCount, Is.EqualTo(2));
        Assert.That(Server.Faults.Count, Is.Zero);
    }

    [Test]
    public async Task ADroppedAnswerFaultWaitsForAMatchingPath()
    {
        Server.Faults.DropMidResponse(pathContains: "_search");

        using var bulk = await Client.SendAsync(BulkRequest());
        Assert.That(async () => await Client.PostAsync("/logs/_search", Json("{}")), Throws.InstanceOf<HttpRequestException>());

        Assert.That(bulk.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.Faults.Count, Is.Zero);
    }

    [Test]
    public async Task ADelayedAnswerComesAfterTheDocumentsWereStored()
    {
        Server.Faults.DelayResponse(TimeSpan.FromMinutes(5));
        using var giveUp = new CancellationTokenSource();

        var pending = Client.SendAsync(BulkRequest(), giveUp.Token);
        await Server.WaitForDocumentsAsync(1, Patience);
        var answeredBeforeTheDelay = pending.IsCompleted;
        await giveUp.CancelAsync();

        Assert.That(answeredBeforeTheDelay, Is.False, "stored, but not answered yet");
        Assert.That(async () => await pending, Throws.InstanceOf<TaskCanceledException>());
        Assert.That(Server.DocumentCount, Is.EqualTo(1), "the client's timeout does not undo the work");
    }

    [Test]
    public async Task AShortlyDelayedAnswerIsTheNormalAnswer()
    {
        Server.Faults.DelayResponse(TimeSpan.FromMilliseconds(50), times: 2);

        using var first = await Client.SendAsync(BulkRequest());
        using var second = await Client.SendAsync(BulkRequest());
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["items"]![0]!["create"]!["status"]!.GetValue<int>(), Is.EqualTo(201));
        Assert.That(Server.DocumentCount, Is.EqualTo(2));
        Assert.That(Server.Faults.Count, Is.Zero);
    }

    [Test]
    public void ANegativeDelayIsRefused()
    {
        Assert.That(() => Server.Faults.DelayResponse(TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Server.Faults.DropMidResponse(times: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task AProxysHtmlErrorPageIsSentInsteadOfElasticsearchsAnswer()
    {
        Server.Faults.FailWithStatus(502, Html, "text/html");

        using var response = await Client.SendAsync(BulkRequest());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Html));
        Assert.That(response.Headers.Contains("X-Elastic-Product"), Is.False);
        Assert.That(Server.DocumentCount, Is.Zero, "the request never reached Elasticsearch");
    }

    [Test]
    public async Task AProxysHtmlPageWithStatus200IsSentInsteadOfElasticsearchsAnswer()
    {
        const string LoginPage = "<html><body><form action=\"/login\">Sign in</form></body></html>";
        Server.Faults.FailWithStatus(200, LoginPage, "text/html; charset=utf-8");

        using var response = await Client.SendAsync(BulkRequest());
        using var next = await Client.SendAsync(BulkRequest());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(LoginPage));
        Assert.That(response.Headers.Contains("X-Elastic-Product"), Is.False);
        Assert.That(next.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(Server.DocumentCount, Is.EqualTo(1), "only the second request reached Elasticsearch");
    }

    private static HttpRequestMessage BulkRequest() => new(HttpMethod.Post, "/_bulk") { Content = Content(Bulk, "application/x-ndjson") };

    private static ByteArrayContent Json(string body) => Content(body, "application/json");

    private static ByteArrayContent Content(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    // Reads the body to its end or to the failure that ends it early.
    private static async Task<(long Received, Exception? Failure)> ReadAll(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        long received = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received += read;
            }

            return (received, null);
        }
        catch (Exception exception)
        {
            return (received, exception);
        }
    }
}
