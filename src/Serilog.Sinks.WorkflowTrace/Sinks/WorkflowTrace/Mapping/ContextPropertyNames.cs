namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Which property names fill which contract field. Both spellings are accepted: the contract's snake_case name
/// and its PascalCase form; when an event has both, the snake_case one fills the field and neither is repeated
/// under metadata (unless the field could not take its value, as a text lineno: then both stay there, never lost).
/// </summary>
static class ContextPropertyNames
{
    public const int FieldCount = (int)ContextField.Tags + 1;

    static readonly Dictionary<string, (ContextField Field, bool IsContractName)> Map = new(StringComparer.Ordinal)
    {
        ["run_id"] = (ContextField.RunId, true),
        ["RunId"] = (ContextField.RunId, false),
        ["parent_run_id"] = (ContextField.ParentRunId, true),
        ["ParentRunId"] = (ContextField.ParentRunId, false),
        ["mode"] = (ContextField.Mode, true),
        ["Mode"] = (ContextField.Mode, false),
        ["filename"] = (ContextField.Filename, true),
        ["Filename"] = (ContextField.Filename, false),
        ["SourceFile"] = (ContextField.Filename, false),
        ["lineno"] = (ContextField.Lineno, true),
        ["Lineno"] = (ContextField.Lineno, false),
        ["SourceLine"] = (ContextField.Lineno, false),
        ["workflow_name"] = (ContextField.WorkflowName, true),
        ["WorkflowName"] = (ContextField.WorkflowName, false),
        ["stage_name"] = (ContextField.StageName, true),
        ["StageName"] = (ContextField.StageName, false),
        ["job_name"] = (ContextField.JobName, true),
        ["JobName"] = (ContextField.JobName, false),
        ["duration_ms"] = (ContextField.DurationMs, true),
        ["DurationMs"] = (ContextField.DurationMs, false),
        ["memory_usage_mb"] = (ContextField.MemoryUsageMb, true),
        ["MemoryUsageMb"] = (ContextField.MemoryUsageMb, false),
        ["cpu_usage_percent"] = (ContextField.CpuUsagePercent, true),
        ["CpuUsagePercent"] = (ContextField.CpuUsagePercent, false),
        ["trace_id"] = (ContextField.TraceId, true),
        ["TraceId"] = (ContextField.TraceId, false),
        ["span_id"] = (ContextField.SpanId, true),
        ["SpanId"] = (ContextField.SpanId, false),
        ["parent_span_id"] = (ContextField.ParentSpanId, true),
        ["ParentSpanId"] = (ContextField.ParentSpanId, false),
        ["error_code"] = (ContextField.ErrorCode, true),
        ["ErrorCode"] = (ContextField.ErrorCode, false),
        ["user_id"] = (ContextField.UserId, true),
        ["UserId"] = (ContextField.UserId, false),
        ["tenant_id"] = (ContextField.TenantId, true),
        ["TenantId"] = (ContextField.TenantId, false),
        ["environment"] = (ContextField.Environment, true),
        ["Environment"] = (ContextField.Environment, false),
        ["python_version"] = (ContextField.PythonVersion, true),
        ["PythonVersion"] = (ContextField.PythonVersion, false),
        ["tags"] = (ContextField.Tags, true),
        ["Tags"] = (ContextField.Tags, false),
    };

    public static bool TryFind(string propertyName, out ContextField field, out bool isContractName)
    {
        if (Map.TryGetValue(propertyName, out var entry))
        {
            field = entry.Field;
            isContractName = entry.IsContractName;
            return true;
        }

        field = default;
        isContractName = false;
        return false;
    }
}
