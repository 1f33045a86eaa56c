using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>The field names of the data contract (shared/field-contract.md), pre-encoded for the JSON writer.</summary>
static class TraceFields
{
    public static readonly JsonEncodedText RunId = JsonEncodedText.Encode("run_id");
    public static readonly JsonEncodedText ParentRunId = JsonEncodedText.Encode("parent_run_id");
    public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Mode = JsonEncodedText.Encode("mode");
    public static readonly JsonEncodedText Datetime = JsonEncodedText.Encode("datetime");
    public static readonly JsonEncodedText Process = JsonEncodedText.Encode("process");
    public static readonly JsonEncodedText Thread = JsonEncodedText.Encode("thread");
    public static readonly JsonEncodedText Filename = JsonEncodedText.Encode("filename");
    public static readonly JsonEncodedText Lineno = JsonEncodedText.Encode("lineno");
    public static readonly JsonEncodedText CutId = JsonEncodedText.Encode("cut_id");
    public static readonly JsonEncodedText WorkflowName = JsonEncodedText.Encode("workflow_name");
    public static readonly JsonEncodedText StageName = JsonEncodedText.Encode("stage_name");
    public static readonly JsonEncodedText JobName = JsonEncodedText.Encode("job_name");
    public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");
    public static readonly JsonEncodedText MemoryUsageMb = JsonEncodedText.Encode("memory_usage_mb");
    public static readonly JsonEncodedText CpuUsagePercent = JsonEncodedText.Encode("cpu_usage_percent");
    public static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    public static readonly JsonEncodedText SpanId = JsonEncodedText.Encode("span_id");
    public static readonly JsonEncodedText ParentSpanId = JsonEncodedText.Encode("parent_span_id");
    public static readonly JsonEncodedText ExceptionType = JsonEncodedText.Encode("exception_type");
    public static readonly JsonEncodedText ExceptionMessage = JsonEncodedText.Encode("exception_message");
    public static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stack_trace");
    public static readonly JsonEncodedText ErrorCode = JsonEncodedText.Encode("error_code");
    public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("user_id");
    public static readonly JsonEncodedText TenantId = JsonEncodedText.Encode("tenant_id");
    public static readonly JsonEncodedText Environment = JsonEncodedText.Encode("environment");
    public static readonly JsonEncodedText Hostname = JsonEncodedText.Encode("hostname");
    public static readonly JsonEncodedText IpAddress = JsonEncodedText.Encode("ip_address");
    public static readonly JsonEncodedText PythonVersion = JsonEncodedText.Encode("python_version");
    public static readonly JsonEncodedText RuntimeVersion = JsonEncodedText.Encode("runtime_version");
    public static readonly JsonEncodedText PackageVersion = JsonEncodedText.Encode("package_version");
    public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");

    /// <summary>Only for data streams, which require it; a plain index maps it as an alias of <c>datetime</c>.</summary>
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("@timestamp");

    /// <summary>Inside <c>metadata</c>: the raw message template.</summary>
    public const string MessageTemplate = "message_template";

    public static readonly JsonEncodedText MessageTemplateName = JsonEncodedText.Encode(MessageTemplate);
}
