using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Serilog.Context;

namespace Serilog.Sinks.WorkflowTrace.IntegrationTests;

/// <summary>Events sent through the sink to a real Elasticsearch and read back with <c>_search</c>.</summary>
public partial class RealClusterTests
{
    const string SourceName = "WorkflowTrace.IntegrationTests";
    static readonly ActivitySource Source = new(SourceName);

    static async Task<JsonElement[]> SearchAllAsync(string index, int expected)
    {
        await ElasticsearchCluster.PostJsonAsync($"{index}/_refresh", new { });
        var result = await ElasticsearchCluster.PostJsonAsync($"{index}/_search", new { size = 100, query = new { match_all = new { } } });
        var hits = result.GetProperty("hits").GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_source").Clone()).ToArray();
        Assert.That(hits, Has.Length.EqualTo(expected));
        return hits;
    }

    [Test]
    public async Task EveryContractFieldIsStoredAndReadBack()
    {
        var url = ElasticsearchCluster.Require();
        var index = $"workflowtrace-it-{Guid.NewGuid():N}";
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        string parentSpanId;
        int loggingThread;
        using (var logger = new LoggerConfiguration()
                   .MinimumLevel.Verbose()
                   .Enrich.FromLogContext()
                   .WriteTo.WorkflowTrace(hosts: url.ToString(), indexName: index, parentRunId: "parent-run-00000001",
                       userId: "user-123", tenantId: "tenant-456", environment: "integration", tags: ["service:workflow"],
                       packageVersion: "9.9.9", sampleProcessMetrics: true)
                   .CreateLogger())
        using (var stage = Source.StartActivity("stage")!)
        using (Source.StartActivity("job"))
        using (LogContext.PushProperty("RunId", "workflow-run-12345678"))
        using (LogContext.PushProperty("WorkflowName", "data-pipeline"))
        using (LogContext.PushProperty("StageName", "validation"))
        using (LogContext.PushProperty("JobName", "validate-data"))
        {
            parentSpanId = stage.SpanId.ToHexString();
            loggingThread = Environment.CurrentManagedThreadId;
            Exception failure;
            try { throw new InvalidOperationException("Invalid data", new FormatException("bad row")); }
            catch (Exception ex) { failure = ex; }
            logger.ForContext("SourceFile", "/src/Jobs/Validate.cs").ForContext("SourceLine", 42)
                .ForContext("DurationMs", 150.5).ForContext("ErrorCode", "VALIDATION_ERROR").ForContext("Tags", new[] { "team:data" })
                .Error(failure, "Validation failed for {Customer} with {Rows} rows", "acme", 3);
        }

        var doc = (await SearchAllAsync(index, 1)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("workflow-run-12345678"));
            Assert.That(doc.GetProperty("parent_run_id").GetString(), Is.EqualTo("parent-run-00000001"));
            Assert.That(doc.GetProperty("cut_id").GetString(), Is.EqualTo("00000001 -> 12345678"));
            Assert.That(doc.GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(doc.GetProperty("message").GetString(), Is.EqualTo("Validation failed for acme with 3 rows"));
            Assert.That(doc.GetProperty("mode").GetString(), Is.EqualTo("stderr"));
            Assert.That(DateTimeOffset.Parse(doc.GetProperty("datetime").GetString()!), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(doc.GetProperty("process").GetInt32(), Is.EqualTo(Environment.ProcessId));
            Assert.That(doc.GetProperty("thread").GetInt64(), Is.EqualTo(loggingThread));
            Assert.That(doc.GetProperty("filename").GetString(), Is.EqualTo("Validate.cs"));
            Assert.That(doc.GetProperty("lineno").GetInt32(), Is.EqualTo(42));
            Assert.That(doc.GetProperty("workflow_name").GetString(), Is.EqualTo("data-pipeline"));
            Assert.That(doc.GetProperty("stage_name").GetString(), Is.EqualTo("validation"));
            Assert.That(doc.GetProperty("job_name").GetString(), Is.EqualTo("validate-data"));
            Assert.That(doc.GetProperty("duration_ms").GetDouble(), Is.EqualTo(150.5));
            Assert.That(doc.GetProperty("memory_usage_mb").GetDouble(), Is.GreaterThan(0));
            Assert.That(doc.TryGetProperty("cpu_usage_percent", out _), Is.True);
            Assert.That(doc.GetProperty("trace_id").GetString(), Has.Length.EqualTo(32));
            Assert.That(doc.GetProperty("span_id").GetString(), Has.Length.EqualTo(16));
            Assert.That(doc.GetProperty("parent_span_id").GetString(), Is.EqualTo(parentSpanId));
            Assert.That(doc.GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(doc.GetProperty("exception_message").GetString(), Is.EqualTo("Invalid data"));
            Assert.That(doc.GetProperty("stack_trace").GetString(), Does.Contain("bad row"));
            Assert.That(doc.GetProperty("error_code").GetString(), Is.EqualTo("VALIDATION_ERROR"));
            Assert.That(doc.GetProperty("user_id").GetString(), Is.EqualTo("user-123"));
            Assert.That(doc.GetProperty("tenant_id").GetString(), Is.EqualTo("tenant-456"));
            Assert.That(doc.GetProperty("environment").GetString(), Is.EqualTo("integration"));
            Assert.That(doc.GetProperty("hostname").GetString(), Is.EqualTo(Environment.MachineName));
            if (doc.TryGetProperty("ip_address", out var ip))
                Assert.That(IPAddress.TryParse(ip.GetString(), out _), Is.True);
            Assert.That(doc.TryGetProperty("python_version", out _), Is.False);
            Assert.That(doc.GetProperty("runtime_version").GetString(), Does.StartWith(".NET"));
            Assert.That(doc.GetProperty("package_version").GetString(), Is.EqualTo("9.9.9"));
            Assert.That(doc.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "service:workflow", "team:data" }));
            Assert.That(doc.GetProperty("metadata").GetProperty("Customer").GetString(), Is.EqualTo("acme"));
            Assert.That(doc.GetProperty("metadata").GetProperty("message_template").GetString(), Is.EqualTo("Validation failed for {Customer} with {Rows} rows"));
            Assert.That(doc.TryGetProperty("created_at", out _), Is.True);
        });

        // The sink installed its index template before the first write: the index has the contract's mapping.
        var mapping = (await ElasticsearchCluster.GetJsonAsync($"{index}/_mapping")).GetProperty(index).GetProperty("mappings");
        var properties = mapping.GetProperty("properties");
        var expected = new Dictionary<string, string>
        {
            ["run_id"] = "keyword", ["parent_run_id"] = "keyword", ["level"] = "keyword", ["message"] = "text", ["mode"] = "keyword",
            ["datetime"] = "date", ["process"] = "integer", ["thread"] = "long", ["filename"] = "keyword", ["lineno"] = "integer",
            ["cut_id"] = "keyword", ["workflow_name"] = "keyword", ["stage_name"] = "keyword", ["job_name"] = "keyword",
            ["duration_ms"] = "float", ["memory_usage_mb"] = "float", ["cpu_usage_percent"] = "float", ["trace_id"] = "keyword",
            ["span_id"] = "keyword", ["parent_span_id"] = "keyword", ["exception_type"] = "keyword", ["exception_message"] = "text",
            ["stack_trace"] = "text", ["error_code"] = "keyword", ["user_id"] = "keyword", ["tenant_id"] = "keyword",
            ["environment"] = "keyword", ["hostname"] = "keyword", ["ip_address"] = "ip", ["python_version"] = "keyword",
            ["runtime_version"] = "keyword", ["package_version"] = "keyword", ["tags"] = "keyword", ["created_at"] = "date",
            ["@timestamp"] = "alias",
        };
        Assert.Multiple(() =>
        {
            foreach (var (field, type) in expected)
                Assert.That(properties.GetProperty(field).GetProperty("type").GetString(), Is.EqualTo(type), field);
            Assert.That(properties.GetProperty("metadata").GetProperty("properties").GetProperty("Rows").GetProperty("type").GetString(), Is.EqualTo("long"), "metadata is dynamic");
        });
    }

    [Test]
    public async Task ManyEventsArriveExactlyOnce()
    {
        var url = ElasticsearchCluster.Require();
        var index = $"workflowtrace-it-{Guid.NewGuid():N}";
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: url.ToString(), indexName: index, bufferSize: 50).CreateLogger())
        {
            for (var i = 0; i < 500; i++)
                logger.Information("event {I}", i);
        }

        await ElasticsearchCluster.PostJsonAsync($"{index}/_refresh", new { });
        var counted = await ElasticsearchCluster.GetJsonAsync($"{index}/_count");
        Assert.That(counted.GetProperty("count").GetInt32(), Is.EqualTo(500));
    }
}
