using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Seeding runs for the find-run tests: documents shaped as this sink writes them (ids of a 16-character prefix and a
/// hex sequence, seven fractional digits) or as the Python producer writes them, posted with <c>_bulk</c>; servers of
/// each version; readers over them.
/// </summary>
static class RunSeeding
{
    public const string TraceIndex = "workflow-traces";

    /// <summary>A sink's id prefix: 16 URL-safe base64 characters.</summary>
    public const string Prefix = "AbCdEfGh-_IjKlMn";

    /// <summary>The servers whose paging differs: root body by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Servers = new Dictionary<string, string>
    {
        ["es-9.1"] = RootResponses.Elasticsearch910,
        ["es-8.15"] = RootResponses.Elasticsearch8153,
        ["es-7.12"] = RootVersions.Elasticsearch("7.12.1"),
        ["es-7.11"] = RootVersions.Elasticsearch("7.11.2"),
        ["es-7.10"] = RootVersions.Elasticsearch("7.10.2"),
        ["es-7.9"] = RootVersions.Elasticsearch("7.9.3"),
        ["serverless"] = RootResponses.ElasticsearchServerless940,
        ["opensearch-2"] = RootResponses.OpenSearch2171,
        ["opensearch-3"] = RootResponses.OpenSearch300,
        ["opensearch-3.3"] = RootVersions.OpenSearch("3.3.0"),
        ["opensearch-2.3"] = RootVersions.OpenSearch("2.3.0"),
    };

    /// <summary>The start of the seeded runs' time.</summary>
    public static readonly DateTime Start = new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    public static Task<FakeElasticsearch> StartAsync(string server) =>
        FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = Servers[server] });

    /// <summary>A reader of <see cref="TraceIndex"/> on <paramref name="server"/>, connected as the sink would be.</summary>
    public static WorkflowTraceReader Reader(FakeElasticsearch server, int pageSize = 7, Action<MalformedTraceDocument>? malformed = null) =>
        new(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = TraceIndex, MaxRetries = 0 },
            new WorkflowTraceReaderOptions { PageSize = pageSize, OnMalformedDocument = malformed });

    /// <summary>This sink's document: id <c>{Prefix}{sequence:x}</c>, <c>datetime</c> with seven fractional digits.</summary>
    public static (string Id, string Source) SinkDocument(string runId, long sequence, DateTime time, long thread, string message,
        string level = "info", string? parentRunId = null, string? workflow = "etl", double? durationMs = null, string prefix = Prefix)
    {
        var source = new JsonObject
        {
            ["run_id"] = runId,
            ["parent_run_id"] = parentRunId,
            ["level"] = level,
            ["message"] = message,
            ["mode"] = level is "error" or "critical" ? "stderr" : "stdout",
            ["datetime"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["process"] = 4242,
            ["thread"] = thread,
            ["filename"] = "Worker.cs",
            ["lineno"] = 10,
            ["cut_id"] = runId[^Math.Min(8, runId.Length)..],
            ["workflow_name"] = workflow,
            ["duration_ms"] = durationMs,
        };
        foreach (var empty in source.Where(p => p.Value is null).Select(p => p.Key).ToList())
            source.Remove(empty);
        return (prefix + sequence.ToString("x", CultureInfo.InvariantCulture), source.ToJsonString());
    }

    /// <summary>The Python producer's document: every field, nulls, second precision, id <c>{run_id}_{datetime}_{thread}</c>.</summary>
    public static (string Id, string Source) PythonDocument(string runId, DateTime time, long thread, string message, string level = "info")
    {
        var datetime = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var source = new JsonObject
        {
            ["run_id"] = runId,
            ["parent_run_id"] = null,
            ["error_flag"] = level is "error" or "exception",
            ["level"] = level,
            ["datetime"] = datetime,
            ["process"] = 777,
            ["thread"] = thread,
            ["message"] = message,
            ["cut_id"] = runId[^8..],
            ["filename"] = "workflow.py",
            ["lineno"] = 42,
            ["duration_ms"] = null,
            ["tags"] = new JsonArray(),
            ["metric"] = new JsonObject(),
            ["created_at"] = datetime,
        };
        return ($"{runId}_{datetime}_{thread}", source.ToJsonString());
    }

    /// <summary>Posts documents with <c>_bulk</c> (<c>create</c> with the given ids), in chunks, and checks none failed.</summary>
    public static async Task BulkAsync(FakeElasticsearch server, IEnumerable<(string Id, string Source)> documents, string index = TraceIndex)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        await CreateIndexAsync(client, index);
        foreach (var chunk in documents.Chunk(5_000))
        {
            var body = new StringBuilder();
            foreach (var (id, source) in chunk)
                body.Append(new JsonObject { ["create"] = new JsonObject { ["_index"] = index, ["_id"] = id } }.ToJsonString()).Append('\n').Append(source).Append('\n');
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/x-ndjson");
            using var response = await client.PostAsync("_bulk", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(JsonNode.Parse(text)!["errors"]!.GetValue<bool>(), Is.False, text.Length > 2_000 ? text[..2_000] : text);
        }
    }

    // The index as the sink's template makes it: the contract's field types (run_id a keyword, datetime a date...).
    static async Task CreateIndexAsync(HttpClient client, string index)
    {
        var properties = new JsonObject();
        foreach (var field in Serilog.Sinks.WorkflowTrace.Contract.TraceContract.Fields)
            properties[field.Name] = new JsonObject { ["type"] = field.MappingType };
        var body = new JsonObject { ["mappings"] = new JsonObject { ["dynamic"] = false, ["properties"] = properties } };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PutAsync(index, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode || text.Contains("resource_already_exists_exception", StringComparison.Ordinal), Is.True, text);
    }

    /// <summary>Every entry of an enumeration.</summary>
    public static async Task<List<TraceEntry>> ToListAsync(IAsyncEnumerable<TraceEntry> entries)
    {
        var list = new List<TraceEntry>();
        await foreach (var entry in entries)
            list.Add(entry);
        return list;
    }

    /// <summary>The bodies of the search requests a server received, as text.</summary>
    public static List<string> SearchBodies(FakeElasticsearch server) =>
        server.Requests.Where(r => r.Path.Contains("_search", StringComparison.Ordinal) && r.Method == "POST")
            .Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
}
