using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Seeding for the search, aggregation and run-listing tests: the sink's own index template installed on a loopback
/// server, trace documents posted with <c>_bulk</c>, and a reader on that index.
/// </summary>
static class SearchSeeding
{
    public const string Index = "traces";

    /// <summary>A fixed day the seeded documents live in.</summary>
    public static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Installs the sink's template for <see cref="Index"/>, so the index gets the contract's mapping.</summary>
    public static async Task InstallTemplateAsync(FakeElasticsearch server)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        var root = await client.GetByteArrayAsync("/");
        var template = IndexTemplateBuilder.Build(ServerInfo.Parse(root), new IndexTemplateOptions { Name = "traces-template", Patterns = [Index + "*"] });
        using var content = new ByteArrayContent(template.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await client.PutAsync(template.Path, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates <paramref name="index"/> with an explicit mapping (the Python producer's own, say).</summary>
    public static async Task CreateIndexAsync(FakeElasticsearch server, string index, string body)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = null;
        using var response = await client.PutAsync("/" + index, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the documents in one <c>_bulk</c> and checks every one was created.</summary>
    public static async Task BulkAsync(FakeElasticsearch server, IEnumerable<JsonObject> documents, string index = Index)
    {
        var body = new StringBuilder();
        foreach (var document in documents)
            body.Append("{\"create\":{\"_index\":\"").Append(index).Append("\"}}\n").Append(document.ToJsonString()).Append('\n');
        using var client = new HttpClient { BaseAddress = server.Url };
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        content.Headers.ContentType!.CharSet = null;
        using var response = await client.PostAsync("/_bulk", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").GetBoolean(), Is.False, text);
    }

    /// <summary>One trace document as the sink writes it; <paramref name="extra"/> adds or overrides fields.</summary>
    public static JsonObject Entry(string runId, DateTimeOffset time, string level = "info", string message = "step", string? workflow = "etl",
        JsonObject? extra = null)
    {
        var document = new JsonObject
        {
            ["run_id"] = runId,
            ["level"] = level,
            ["message"] = message,
            ["mode"] = level is "error" or "critical" ? "stderr" : "stdout",
            ["datetime"] = Format(time),
            ["process"] = 100,
            ["thread"] = 1,
            ["created_at"] = Format(time),
        };
        if (workflow is not null)
            document["workflow_name"] = workflow;
        foreach (var (key, value) in extra ?? [])
            document[key] = value?.DeepClone();
        return document;
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A reader of <see cref="Index"/> on the server, through the sink's own connection settings.</summary>
    public static WorkflowTraceReader Reader(FakeElasticsearch server, int pageSize = 1_000, string index = Index) =>
        new(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = index }, new WorkflowTraceReaderOptions { PageSize = pageSize });
}
