using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>
/// Seeding for the runs, show and follow tests: documents shaped as the sink writes them (closing events of stages
/// and jobs carry <c>duration_ms</c> and <c>metadata.Outcome</c>), posted with <c>_bulk?refresh=true</c> into an index
/// mapped as the sink's template maps it, so that they are searchable at once.
/// </summary>
static class RunsSeeding
{
    public const string Index = "workflow-traces";

    /// <summary>The seeded runs' time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    static long _sequence;

    // The contract's types of the fields the tests write (the sink's template maps every field so).
    static readonly string[] Keywords = ["run_id", "parent_run_id", "level", "mode", "workflow_name", "stage_name", "job_name",
        "exception_type", "user_id", "tenant_id", "environment", "tags", "cut_id", "filename"];

    /// <summary>One entry as the sink writes it; <paramref name="outcome"/> with <paramref name="durationMs"/> makes it a closing event.</summary>
    public static JsonObject Entry(string runId, DateTimeOffset time, string message, string level = "info", string workflow = "etl",
        string? stage = null, string? job = null, double? durationMs = null, string? outcome = null, string? parent = null,
        string? tenant = null, string? environment = null, string? user = null, string? exceptionType = null, string? exceptionMessage = null)
    {
        var source = new JsonObject
        {
            ["_id"] = $"seed-{Interlocked.Increment(ref _sequence):x8}",
            ["run_id"] = runId,
            ["parent_run_id"] = parent,
            ["level"] = level,
            ["message"] = message,
            ["mode"] = level is "error" or "critical" ? "stderr" : "stdout",
            ["datetime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["process"] = 4242,
            ["thread"] = 7,
            ["filename"] = "Worker.cs",
            ["lineno"] = 10,
            ["cut_id"] = runId[^Math.Min(8, runId.Length)..],
            ["workflow_name"] = workflow,
            ["stage_name"] = stage,
            ["job_name"] = job,
            ["duration_ms"] = durationMs,
            ["tenant_id"] = tenant,
            ["environment"] = environment,
            ["user_id"] = user,
            ["exception_type"] = exceptionType,
            ["exception_message"] = exceptionMessage,
            ["metadata"] = outcome is null ? new JsonObject() : new JsonObject { ["Outcome"] = outcome },
        };
        foreach (var empty in source.Where(p => p.Value is null).Select(p => p.Key).ToList())
            source.Remove(empty);
        return source;
    }

    /// <summary>
    /// A realistic run of workflow <paramref name="workflow"/> starting at <paramref name="start"/>: stage <c>extract</c>
    /// (0–2 s, succeeded) with job <c>download</c> (0.5–1.5 s), stage <c>load</c> from 2 s, failed at 4 s when
    /// <paramref name="fail"/>, else succeeded.
    /// </summary>
    public static IEnumerable<JsonObject> Run(string runId, DateTimeOffset start, string workflow = "etl", bool fail = false, string? parent = null)
    {
        yield return Entry(runId, start, "Run started", workflow: workflow, parent: parent);
        yield return Entry(runId, start.AddMilliseconds(100), "Extracting", workflow: workflow, stage: "extract", parent: parent);
        yield return Entry(runId, start.AddMilliseconds(500), "Downloading", workflow: workflow, stage: "extract", job: "download", parent: parent);
        yield return Entry(runId, start.AddMilliseconds(1500), "Job download succeeded in 1000 ms", workflow: workflow, stage: "extract", job: "download",
            durationMs: 1000, outcome: "succeeded", parent: parent);
        yield return Entry(runId, start.AddMilliseconds(2000), "Stage extract succeeded in 2000 ms", workflow: workflow, stage: "extract",
            durationMs: 2000, outcome: "succeeded", parent: parent);
        yield return Entry(runId, start.AddMilliseconds(2100), "Loading", workflow: workflow, stage: "load", parent: parent);
        yield return Entry(runId, start.AddMilliseconds(3000), "Slow table", level: "warning", workflow: workflow, stage: "load", parent: parent);
        yield return fail
            ? Entry(runId, start.AddMilliseconds(4000), "Stage load failed in 1900 ms", level: "error", workflow: workflow, stage: "load",
                durationMs: 1900, outcome: "failed", parent: parent, exceptionType: "System.TimeoutException", exceptionMessage: "The database did not answer")
            : Entry(runId, start.AddMilliseconds(4000), "Stage load succeeded in 1900 ms", workflow: workflow, stage: "load",
                durationMs: 1900, outcome: "succeeded", parent: parent);
    }

    /// <summary>Posts the entries with <c>_bulk?refresh=true</c> (creating the index mapped as the sink's template would) and checks none failed.</summary>
    public static async Task BulkAsync(FakeElasticsearch server, IEnumerable<JsonObject> entries)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        await CreateIndexAsync(client);
        var body = new StringBuilder();
        foreach (var entry in entries)
        {
            var source = (JsonObject)entry.DeepClone();
            var id = source["_id"]!.GetValue<string>();
            source.Remove("_id");
            body.Append(new JsonObject { ["create"] = new JsonObject { ["_index"] = Index, ["_id"] = id } }.ToJsonString()).Append('\n')
                .Append(source.ToJsonString()).Append('\n');
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-ndjson");
        using var response = await client.PostAsync("_bulk?refresh=true", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(JsonNode.Parse(text)!["errors"]!.GetValue<bool>(), Is.False, text);
    }

    static async Task CreateIndexAsync(HttpClient client)
    {
        var properties = new JsonObject
        {
            ["message"] = new JsonObject { ["type"] = "text" },
            ["exception_message"] = new JsonObject { ["type"] = "text" },
            ["datetime"] = new JsonObject { ["type"] = "date" },
            ["created_at"] = new JsonObject { ["type"] = "date" },
            ["duration_ms"] = new JsonObject { ["type"] = "float" },
            ["process"] = new JsonObject { ["type"] = "integer" },
            ["lineno"] = new JsonObject { ["type"] = "integer" },
            ["thread"] = new JsonObject { ["type"] = "long" },
            ["metadata"] = new JsonObject { ["type"] = "object" },
        };
        foreach (var keyword in Keywords)
            properties[keyword] = new JsonObject { ["type"] = "keyword" };
        var body = new JsonObject { ["mappings"] = new JsonObject { ["dynamic"] = false, ["properties"] = properties } };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PutAsync(Index, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode || text.Contains("resource_already_exists_exception", StringComparison.Ordinal), Is.True, text);
    }
}
