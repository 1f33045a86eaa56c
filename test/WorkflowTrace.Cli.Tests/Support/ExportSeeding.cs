using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serilog;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>
/// Seeding for the export and replay tests: one run written through the sink as an application would (a template
/// hole filling <c>run_id</c>, metadata, a warning, an error with a thrown exception, a debug line), plus an entry
/// the Python producer wrote (level <c>exception</c>, <c>stderr</c>, braces in its message, no template).
/// </summary>
static class ExportSeeding
{
    public const string RunId = "run-export-0001";
    public const string Index = "workflow-traces";

    /// <summary>The seeded run's first event time; the others follow a second apart.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>How many entries <see cref="SeedRunAsync"/> writes.</summary>
    public const int EntryCount = 5;

    public static async Task SeedRunAsync(FakeElasticsearch server, string index = Index)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), indexName: index)
            .CreateLogger();
        await using (logger)
        {
            var run = logger.ForContext("WorkflowName", "etl").ForContext("StageName", "extract").ForContext("Tags", new[] { "nightly", "eu" });
            WriteAt(run, 0, Serilog.Events.LogEventLevel.Information, null, "Run {RunId} started for {Customer}", RunId, "acme");
            WriteAt(run.ForContext("RunId", RunId).ForContext("@odd", 7), 1, Serilog.Events.LogEventLevel.Warning, null, "Retrying {Attempt} of {{max}}", 2);
            WriteAt(run.ForContext("RunId", RunId), 2, Serilog.Events.LogEventLevel.Error, Thrown(), "Extract failed for {Table}", "orders");
            WriteAt(run.ForContext("RunId", RunId).ForContext("Order", new { Id = 42, Lines = new[] { 1.5, 2 } }, destructureObjects: true), 3, Serilog.Events.LogEventLevel.Debug, null, "Rows {Count}", 1200);
        }

        await BulkAsync(server, index, PythonEntry(Start.AddSeconds(4)));
        await RefreshAsync(server);
    }

    /// <summary>Makes what was written searchable.</summary>
    public static async Task RefreshAsync(FakeElasticsearch server)
    {
        using var client = new HttpClient { BaseAddress = server.Url };
        using var response = await client.PostAsync("/_refresh", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A reader of <paramref name="index"/> on the server.</summary>
    public static WorkflowTraceReader Reader(FakeElasticsearch server, string index = Index) =>
        new(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = index, MaxRetries = 0 });

    /// <summary>The run's entries, oldest first.</summary>
    public static async Task<List<TraceEntry>> ReadRunAsync(FakeElasticsearch server, string index = Index, string runId = RunId)
    {
        using var reader = Reader(server, index);
        var entries = new List<TraceEntry>();
        await foreach (var entry in reader.ReadRunAsync(runId))
            entries.Add(entry);
        return entries;
    }

    public static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom: table {orders} locked");
        }
        catch (InvalidOperationException thrown)
        {
            return thrown;
        }
    }

    /// <summary>Writes an event at <see cref="Start"/> plus <paramref name="second"/> seconds: Serilog would take the time from the clock.</summary>
    public static void WriteAt(ILogger logger, int second, Serilog.Events.LogEventLevel level, Exception? exception, string template, params object?[] values)
    {
        if (!logger.BindMessageTemplate(template, values, out var parsed, out var bound))
            throw new InvalidOperationException("template did not bind");
        var properties = bound.ToList();
        logger.Write(new Serilog.Events.LogEvent(Start.AddSeconds(second), level, exception, parsed, properties));
    }

    static JsonObject PythonEntry(DateTimeOffset time) => new()
    {
        ["run_id"] = RunId,
        ["parent_run_id"] = null,
        ["level"] = "exception",
        ["message"] = "task raised {'code': 7}",
        ["mode"] = "stderr",
        ["datetime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ["process"] = 77,
        ["thread"] = 140234567890123L,
        ["filename"] = "task.py",
        ["lineno"] = 12,
        ["cut_id"] = RunId[^8..],
        ["workflow_name"] = "etl",
        ["exception_type"] = "ValueError",
        ["exception_message"] = "bad code",
        ["stack_trace"] = "Traceback (most recent call last):\n  File \"task.py\", line 12, in run\nValueError: bad code",
        ["tags"] = new JsonArray(),
        ["metric"] = new JsonObject { ["rows"] = 3 },
        ["error_flag"] = true,
    };

    static async Task BulkAsync(FakeElasticsearch server, string index, JsonObject document)
    {
        var body = new StringBuilder();
        body.Append("{\"create\":{\"_index\":\"").Append(index).Append("\",\"_id\":\"").Append(RunId).Append("_py\"}}\n").Append(document.ToJsonString()).Append('\n');
        using var client = new HttpClient { BaseAddress = server.Url };
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        content.Headers.ContentType!.CharSet = null;
        using var response = await client.PostAsync("/_bulk", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("\"errors\":false"), text);
    }
}
