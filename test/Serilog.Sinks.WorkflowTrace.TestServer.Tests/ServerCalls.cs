using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Plain HTTP calls to a <see cref="FakeElasticsearch"/>, with the answer parsed, for the server's own tests.</summary>
sealed class ServerCalls(FakeElasticsearch server) : IDisposable
{
    readonly HttpClient _client = new() { BaseAddress = server.Url };

    /// <summary>Sends <paramref name="body"/> (JSON, or NDJSON for <c>_bulk</c>) and reads the answer.</summary>
    public async Task<ServerAnswer> SendAsync(string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            // Set verbatim: StringContent would add a charset.
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", path.Contains("_bulk", StringComparison.Ordinal) ? "application/x-ndjson" : "application/json");
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        var product = response.Headers.TryGetValues("X-Elastic-Product", out var products) ? products.Single() : null;
        return new ServerAnswer(response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), warnings, product);
    }

    public Task<ServerAnswer> GetAsync(string path) => SendAsync("GET", path);

    public Task<ServerAnswer> HeadAsync(string path) => SendAsync("HEAD", path);

    public Task<ServerAnswer> PutAsync(string path, string body) => SendAsync("PUT", path, body);

    public Task<ServerAnswer> DeleteAsync(string path) => SendAsync("DELETE", path);

    /// <summary>Posts one <c>create</c> per document to <paramref name="index"/>; returns each item's answer, in order.</summary>
    public async Task<IReadOnlyList<JsonNode>> CreateAsync(string index, params string[] documents)
    {
        var body = string.Concat(documents.Select(d => new JsonObject { ["create"] = new JsonObject { ["_index"] = index } }.ToJsonString() + "\n" + d + "\n"));
        var answer = await SendAsync("POST", "/_bulk", body);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Text);
        return answer.Json!["items"]!.AsArray().Select(i => i!.AsObject().Single().Value!).ToList();
    }

    public void Dispose() => _client.Dispose();
}
