using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Sets up trace indices on a loopback server for the index management and error tests: raw HTTP, Python-style documents.</summary>
static class IndexSeeding
{
    /// <summary>The mapping the Python original creates its index with: <c>thread</c>, <c>process</c> and <c>lineno</c> as <c>integer</c>.</summary>
    public const string PythonMapping = """
        {"mappings":{"properties":{"run_id":{"type":"keyword"},"parent_run_id":{"type":"keyword"},"level":{"type":"keyword"},
         "message":{"type":"text"},"mode":{"type":"keyword"},"datetime":{"type":"date"},"process":{"type":"integer"},
         "thread":{"type":"integer"},"filename":{"type":"keyword"},"lineno":{"type":"integer"},"cut_id":{"type":"keyword"},
         "created_at":{"type":"date"}}}}
        """;

    /// <summary>A reader of <paramref name="indexName"/> (as the sink's indexName setting) on <paramref name="server"/>.</summary>
    public static WorkflowTraceReader Reader(FakeElasticsearch server, string indexName, Action<WorkflowTraceSinkOptions>? configure = null)
    {
        var options = new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = indexName, MaxRetries = 0 };
        configure?.Invoke(options);
        return new WorkflowTraceReader(options);
    }

    /// <summary>Python-style entries (no zone, no fraction) of run <paramref name="runId"/> at the given times, into <paramref name="index"/>.</summary>
    public static Task EntriesAsync(FakeElasticsearch server, string index, string runId, params string[] datetimes) =>
        BulkAsync(server, string.Concat(datetimes.Select((time, i) =>
            $$$"""{"create":{"_index":"{{{index}}}","_id":"{{{runId}}}_{{{time}}}_{{{i}}}"}}""" + "\n" +
            $$$"""{"run_id":"{{{runId}}}","level":"info","message":"step {{{i}}}","datetime":"{{{time}}}","created_at":"{{{time}}}","thread":4294967297,"process":7}""" + "\n")));

    /// <summary>Sends a <c>_bulk</c> body and checks that every item was stored.</summary>
    public static async Task BulkAsync(FakeElasticsearch server, string ndjson)
    {
        var answer = JsonNode.Parse(await SendAsync(server, HttpMethod.Post, "_bulk?refresh=true", ndjson, "application/x-ndjson"))!;
        Assert.That(answer["errors"]!.GetValue<bool>(), Is.False, answer.ToJsonString());
    }

    /// <summary>Sends a request and returns the answer's text; fails the test on an error status.</summary>
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

    /// <summary>The names of the indices the server holds, by name (hidden ones too).</summary>
    public static async Task<IReadOnlyList<string>> IndexNamesAsync(FakeElasticsearch server) =>
        JsonNode.Parse(await SendAsync(server, HttpMethod.Get, "_cat/indices?format=json&h=index&s=index"))!.AsArray()
            .Select(row => row!["index"]!.GetValue<string>()).ToList();

    /// <summary>Makes <paramref name="name"/> a data stream (a template with <c>data_stream</c>) holding entries at the given times.</summary>
    public static async Task DataStreamAsync(FakeElasticsearch server, string name, params string[] datetimes)
    {
        await SendAsync(server, HttpMethod.Put, $"_index_template/{name}", $$$"""{"index_patterns":["{{{name}}}"],"priority":300,"data_stream":{}}""");
        await BulkAsync(server, string.Concat(datetimes.Select(time =>
            $$$"""{"create":{"_index":"{{{name}}}"}}""" + "\n" + $$$"""{"@timestamp":"{{{time}}}Z","run_id":"r","datetime":"{{{time}}}"}""" + "\n")));
    }
}
