using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>
/// Seeding for the errors, search and stats tests: trace documents as the sink writes them, posted with <c>_bulk</c>
/// (refreshed, so searchable at once) into <c>workflow-traces</c>, created with the contract's field types.
/// <see cref="Known"/> is a small set whose figures the tests compute by hand.
/// </summary>
static class StatsSeeding
{
    public const string Index = "workflow-traces";

    /// <summary>The day the known runs live in (UTC midnight).</summary>
    public static readonly DateTimeOffset Day = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Two workflows. etl: etl-1 (10 s, no error), etl-2 (20 s, TimeoutException "db timed out after 30s", tags db and
    /// nightly), etl-3 (30 s, TimeoutException "api timed out", tags api and nightly), etl-4 (40 s, a warning then a
    /// KeyError "missing key 'id'"). billing: bill-1 (100 s, critical InvalidOperationException "ledger locked"),
    /// bill-2 (5 s, debug then info). And etl-0, a TimeoutException "old timeout" two hours before <see cref="Day"/>.
    /// </summary>
    public static IEnumerable<JsonObject> Known()
    {
        yield return Entry("etl-0", Day.AddHours(-2), "error", "step failed", "etl", "TimeoutException", "old timeout");
        yield return Entry("etl-1", Day, "info", "extract started", "etl");
        yield return Entry("etl-1", Day.AddSeconds(10), "info", "extract done", "etl");
        yield return Entry("bill-1", Day.AddMinutes(30), "info", "invoice started", "billing");
        yield return Entry("bill-1", Day.AddMinutes(30).AddSeconds(100), "critical", "invoice failed", "billing", "InvalidOperationException", "ledger locked");
        yield return Entry("etl-2", Day.AddHours(1), "info", "load started", "etl");
        yield return Entry("etl-2", Day.AddHours(1).AddSeconds(20), "error", "step failed", "etl", "TimeoutException", "db timed out after 30s", ["db", "nightly"]);
        yield return Entry("etl-3", Day.AddHours(2), "info", "load started", "etl");
        yield return Entry("etl-3", Day.AddHours(2).AddSeconds(30), "error", "step failed", "etl", "TimeoutException", "api timed out", ["api", "nightly"]);
        yield return Entry("bill-2", Day.AddHours(2).AddMinutes(30), "debug", "rates loaded", "billing");
        yield return Entry("bill-2", Day.AddHours(2).AddMinutes(30).AddSeconds(5), "info", "invoice sent", "billing");
        yield return Entry("etl-4", Day.AddHours(3), "warning", "slow source", "etl");
        yield return Entry("etl-4", Day.AddHours(3).AddSeconds(40), "error", "step failed", "etl", "KeyError", "missing key 'id'");
    }

    /// <summary>A server holding <paramref name="documents"/>, searchable.</summary>
    public static async Task<FakeElasticsearch> StartAsync(IEnumerable<JsonObject> documents)
    {
        var server = await FakeElasticsearch.StartAsync();
        await SeedAsync(server, documents);
        return server;
    }

    /// <summary>One trace document as the sink writes it.</summary>
    public static JsonObject Entry(string runId, DateTimeOffset time, string level, string message, string workflow,
        string? exceptionType = null, string? exceptionMessage = null, string[]? tags = null)
    {
        var document = new JsonObject
        {
            ["run_id"] = runId,
            ["level"] = level,
            ["message"] = message,
            ["mode"] = level is "error" or "critical" ? "stderr" : "stdout",
            ["datetime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["process"] = 4242,
            ["thread"] = 1,
            ["workflow_name"] = workflow,
        };
        if (exceptionType is not null)
            document["exception_type"] = exceptionType;
        if (exceptionMessage is not null)
            document["exception_message"] = exceptionMessage;
        if (tags is not null)
            document["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return document;
    }

    /// <summary>Creates the index with the contract's field types and posts the documents, refreshed.</summary>
    public static async Task SeedAsync(FakeElasticsearch server, IEnumerable<JsonObject> documents)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using (var mapping = Json(Mapping))
        {
            using var created = await client.PutAsync(Index, mapping);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        }

        var body = new StringBuilder();
        foreach (var document in documents)
            body.Append("{\"create\":{\"_index\":\"").Append(Index).Append("\"}}\n").Append(document.ToJsonString()).Append('\n');
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-ndjson");
        using var response = await client.PostAsync("_bulk?refresh=true", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(JsonNode.Parse(text)!["errors"]!.GetValue<bool>(), Is.False, text.Length > 2_000 ? text[..2_000] : text);
    }

    static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    // The contract's types for the fields these tests write (field-contract.md).
    const string Mapping = """
        {"mappings":{"dynamic":false,"properties":{
          "run_id":{"type":"keyword"},"parent_run_id":{"type":"keyword"},"level":{"type":"keyword"},"message":{"type":"text"},
          "mode":{"type":"keyword"},"datetime":{"type":"date"},"process":{"type":"integer"},"thread":{"type":"long"},
          "workflow_name":{"type":"keyword"},"stage_name":{"type":"keyword"},"job_name":{"type":"keyword"},
          "exception_type":{"type":"keyword"},"exception_message":{"type":"text"},"user_id":{"type":"keyword"},
          "tenant_id":{"type":"keyword"},"environment":{"type":"keyword"},"tags":{"type":"keyword"},"created_at":{"type":"date"}}}}
        """;
}
