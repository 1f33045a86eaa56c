namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>The contract fields that an event property can fill.</summary>
enum ContextField
{
    RunId,
    ParentRunId,
    Mode,
    Filename,
    Lineno,
    WorkflowName,
    StageName,
    JobName,
    DurationMs,
    MemoryUsageMb,
    CpuUsagePercent,
    TraceId,
    SpanId,
    ParentSpanId,
    ErrorCode,
    UserId,
    TenantId,
    Environment,
    PythonVersion,
    Tags,
}
