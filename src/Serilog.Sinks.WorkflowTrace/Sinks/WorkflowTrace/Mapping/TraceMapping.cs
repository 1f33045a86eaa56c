namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// The field contract's template types (shared/field-contract.md), the one source the index template is built
/// from. <c>metadata</c> is the only dynamic part; <c>@timestamp</c> is added per index kind.
/// </summary>
static class TraceMapping
{
    public static readonly IReadOnlyList<(string Field, string Type)> Fields =
    [
        ("run_id", "keyword"),
        ("parent_run_id", "keyword"),
        ("level", "keyword"),
        ("message", "text"),
        ("mode", "keyword"),
        ("datetime", "date"),
        ("process", "integer"),
        ("thread", "long"),
        ("filename", "keyword"),
        ("lineno", "integer"),
        ("cut_id", "keyword"),
        ("workflow_name", "keyword"),
        ("stage_name", "keyword"),
        ("job_name", "keyword"),
        ("duration_ms", "float"),
        ("memory_usage_mb", "float"),
        ("cpu_usage_percent", "float"),
        ("trace_id", "keyword"),
        ("span_id", "keyword"),
        ("parent_span_id", "keyword"),
        ("exception_type", "keyword"),
        ("exception_message", "text"),
        ("stack_trace", "text"),
        ("error_code", "keyword"),
        ("user_id", "keyword"),
        ("tenant_id", "keyword"),
        ("environment", "keyword"),
        ("hostname", "keyword"),
        ("ip_address", "ip"),
        ("python_version", "keyword"),
        ("runtime_version", "keyword"),
        ("package_version", "keyword"),
        ("tags", "keyword"),
        ("metadata", "object"),
        ("created_at", "date"),
    ];
}
