using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Serilog;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>Trace indices on the loopback server for the management commands' tests (indices, mapping, template, prune).</summary>
static class AdminSeeding
{
    /// <summary>The mapping the Python original creates its index with: <c>thread</c> as <c>integer</c>, no workflow fields.</summary>
    public const string PythonMapping = """
        {"mappings":{"properties":{"run_id":{"type":"keyword"},"parent_run_id":{"type":"keyword"},"level":{"type":"keyword"},
         "message":{"type":"text"},"mode":{"type":"keyword"},"datetime":{"type":"date"},"process":{"type":"integer"},
         "thread":{"type":"integer"},"filename":{"type":"keyword"},"lineno":{"type":"integer"},"cut_id":{"type":"keyword"}}}}
        """;

    /// <summary>Python-style entries of run <paramref name="runId"/> at the given times (ISO, UTC), into <paramref name="index"/>, searchable at once.</summary>
    public static async Task EntriesAsync(FakeElasticsearch server, string index, string runId, params string[] datetimes)
    {
        var body = string.Concat(datetimes.Select((time, i) =>
            $$$"""{"create":{"_index":"{{{index}}}","_id":"{{{runId}}}_{{{i}}}"}}""" + "\n" +
            $$$"""{"run_id":"{{{runId}}}","level":"info","message":"step {{{i}}}","datetime":"{{{time}}}","thread":7,"process":7}""" + "\n"));
        var answer = JsonNode.Parse(await SendAsync(server, HttpMethod.Post, "_bulk?refresh=true", body, "application/x-ndjson"))!;
        Assert.That(answer["errors"]!.GetValue<bool>(), Is.False, answer.ToJsonString());
    }

    /// <summary>Writes a few events through the sink (which installs its template first) into <paramref name="indexName"/>.</summary>
    public static async Task WriteThroughTheSinkAsync(FakeElasticsearch server, string indexName)
    {
        var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), indexName: indexName)
            .CreateLogger();
        logger.ForContext("RunId", "run-1").Information("step {Step}", 1);
        logger.ForContext("RunId", "run-1").Warning("step {Step}", 2);
        await logger.DisposeAsync();
        await SendAsync(server, HttpMethod.Post, "_refresh");
    }

    /// <summary>The names of the indices the server holds.</summary>
    public static async Task<IReadOnlyList<string>> IndexNamesAsync(FakeElasticsearch server) =>
        JsonNode.Parse(await SendAsync(server, HttpMethod.Get, "_cat/indices?format=json&h=index&s=index"))!.AsArray()
            .Select(row => row!["index"]!.GetValue<string>()).ToList();

    /// <summary>Sends a request as the server's own user and returns the answer's text; fails the test on an error status.</summary>
    public static async Task<string> SendAsync(FakeElasticsearch server, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (server.Options.Username is { } user)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{server.Options.Password}")));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {text}");
        return text;
    }
}
