using System.Text.Json.Serialization;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// The trace document as a user of <c>Elastic.Clients.Elasticsearch</c> would declare it to read hits into
/// <c>SearchResponse&lt;T&gt;</c>: the contract's fields with their snake_case names, the Python producer's
/// <c>error_flag</c> and <c>metric</c>, the free-form objects as dictionaries.
/// </summary>
public sealed class TraceHitDocument
{
    [JsonPropertyName("run_id")] public string? RunId { get; set; }
    [JsonPropertyName("parent_run_id")] public string? ParentRunId { get; set; }
    [JsonPropertyName("level")] public string? Level { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    [JsonPropertyName("datetime")] public DateTimeOffset? Datetime { get; set; }
    [JsonPropertyName("process")] public int? Process { get; set; }
    [JsonPropertyName("thread")] public long? Thread { get; set; }
    [JsonPropertyName("filename")] public string? Filename { get; set; }
    [JsonPropertyName("lineno")] public int? Lineno { get; set; }
    [JsonPropertyName("cut_id")] public string? CutId { get; set; }
    [JsonPropertyName("workflow_name")] public string? WorkflowName { get; set; }
    [JsonPropertyName("stage_name")] public string? StageName { get; set; }
    [JsonPropertyName("job_name")] public string? JobName { get; set; }
    [JsonPropertyName("duration_ms")] public double? DurationMs { get; set; }
    [JsonPropertyName("memory_usage_mb")] public double? MemoryUsageMb { get; set; }
    [JsonPropertyName("cpu_usage_percent")] public double? CpuUsagePercent { get; set; }
    [JsonPropertyName("trace_id")] public string? TraceId { get; set; }
    [JsonPropertyName("span_id")] public string? SpanId { get; set; }
    [JsonPropertyName("parent_span_id")] public string? ParentSpanId { get; set; }
    [JsonPropertyName("exception_type")] public string? ExceptionType { get; set; }
    [JsonPropertyName("exception_message")] public string? ExceptionMessage { get; set; }
    [JsonPropertyName("stack_trace")] public string? StackTrace { get; set; }
    [JsonPropertyName("error_code")] public string? ErrorCode { get; set; }
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    [JsonPropertyName("tenant_id")] public string? TenantId { get; set; }
    [JsonPropertyName("environment")] public string? Environment { get; set; }
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("ip_address")] public string? IpAddress { get; set; }
    [JsonPropertyName("python_version")] public string? PythonVersion { get; set; }
    [JsonPropertyName("runtime_version")] public string? RuntimeVersion { get; set; }
    [JsonPropertyName("package_version")] public string? PackageVersion { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("metadata")] public Dictionary<string, object>? Metadata { get; set; }
    [JsonPropertyName("metric")] public Dictionary<string, object>? Metric { get; set; }
    [JsonPropertyName("error_flag")] public bool? ErrorFlag { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
}
