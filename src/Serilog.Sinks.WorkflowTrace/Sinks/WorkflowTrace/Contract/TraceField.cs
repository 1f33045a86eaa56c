namespace Serilog.Sinks.WorkflowTrace.Contract;

/// <summary>
/// The fields of a trace document, in the order of the contract's table (shared/field-contract.md) and of the
/// document; <see cref="TraceContract.Fields"/> holds each one's name, mapping type and property spellings.
/// </summary>
enum TraceField
{
    RunId,
    ParentRunId,
    Level,
    Message,
    Mode,
    Datetime,
    Process,
    Thread,
    Filename,
    Lineno,
    CutId,
    WorkflowName,
    StageName,
    JobName,
    DurationMs,
    MemoryUsageMb,
    CpuUsagePercent,
    TraceId,
    SpanId,
    ParentSpanId,
    ExceptionType,
    ExceptionMessage,
    StackTrace,
    ErrorCode,
    UserId,
    TenantId,
    Environment,
    Hostname,
    IpAddress,
    PythonVersion,
    RuntimeVersion,
    PackageVersion,
    Tags,
    Metadata,
    CreatedAt,
}
