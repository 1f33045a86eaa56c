using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Basic, ApiKey and Bearer credentials: any configured scheme lets a request in.</summary>
public class FakeElasticsearchAuthenticationTests
{
    private const string Token = "AAEAAWVsYXN0aWMvZmxlZXQtc2VydmVyL3Rva2VuLTE6c2VjcmV0";
    private const string Key = "a2V5OnZhbHVl";

    private static async Task<(HttpStatusCode Status, JsonNode? Body, IReadOnlyList<string> Challenges)> Root(
        FakeElasticsearch server, string? scheme, string? value)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text), response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Test]
    public async Task TheConfiguredBearerTokenIsAcceptedAndAnotherRefused()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { BearerToken = Token });

        var accepted = await Root(server, "Bearer", Token);
        var wrong = await Root(server, "Bearer", Token + "x");
        var missing = await Root(server, null, null);

        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(accepted.Body!["tagline"]!.GetValue<string>(), Is.EqualTo("You Know, for Search"));
        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.Body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("security_exception"));
        Assert.That(wrong.Body!["status"]!.GetValue<int>(), Is.EqualTo(401));
        Assert.That(wrong.Body!.ToJsonString(), Does.Not.Contain(Token), "the token is never echoed");
        Assert.That(wrong.Challenges, Does.Contain("Bearer realm=\"security\""));
        Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(missing.Body!["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("missing authentication credentials for REST request [/]"));
    }

    [Test]
    public async Task AnyConfiguredSchemeIsAccepted()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            Username = "elastic",
            Password = "s3cret",
            ApiKey = Key,
            BearerToken = Token,
        });

        var basic = await Root(server, "Basic", Base64("elastic:s3cret"));
        var apiKey = await Root(server, "ApiKey", Key);
        var bearer = await Root(server, "Bearer", Token);

        Assert.That(new[] { basic.Status, apiKey.Status, bearer.Status }, Has.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ACredentialOnlyCountsUnderItsOwnScheme()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            Username = "elastic",
            Password = "s3cret",
            ApiKey = Key,
            BearerToken = Token,
        });

        var tokenAsApiKey = await Root(server, "ApiKey", Token);
        var keyAsBearer = await Root(server, "Bearer", Key);
        var wrongPassword = await Root(server, "Basic", Base64("elastic:wrong"));

        Assert.That(new[] { tokenAsApiKey.Status, keyAsBearer.Status, wrongPassword.Status }, Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrongPassword.Body!["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("unable to authenticate user [elastic] for REST request [/]"));
    }

    [Test]
    public async Task BasicCredentialsAreRefusedWhenOnlyATokenIsConfigured()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { BearerToken = Token });

        var basic = await Root(server, "Basic", Base64("elastic:" + Token));

        Assert.That(basic.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(basic.Challenges, Does.Contain("Basic realm=\"security\" charset=\"UTF-8\""));
    }
}
