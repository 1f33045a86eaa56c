using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// One trace document read back: every field of the contract, typed. Written by this sink or by the Python
/// producer (ddeutil-workflow) into the same index; an absent value (omitted, or JSON <c>null</c>) is <c>null</c>.
/// </summary>
public sealed class TraceEntry
{
    /// <summary>The document's <c>_id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The concrete index (or data stream backing index) that holds the document.</summary>
    public string? Index { get; init; }

    /// <summary><c>run_id</c>.</summary>
    public string? RunId { get; init; }

    /// <summary><c>parent_run_id</c>.</summary>
    public string? ParentRunId { get; init; }

    /// <summary><c>level</c> as stored: <c>trace</c>, <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c>, <c>critical</c>, or the Python producer's <c>exception</c>.</summary>
    public string? Level { get; init; }

    /// <summary><c>message</c>.</summary>
    public string? Message { get; init; }

    /// <summary><c>mode</c>: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? Mode { get; init; }

    /// <summary><c>datetime</c>, read as UTC when stored without a zone (the Python producer's form).</summary>
    public DateTimeOffset? Datetime { get; init; }

    /// <summary><c>datetime</c> exactly as stored, for the text views, which print it as the original does.</summary>
    public string? DatetimeText { get; init; }

    /// <summary><c>process</c>.</summary>
    public int? Process { get; init; }

    /// <summary><c>thread</c>: a long, since other runtimes' thread ids exceed 32 bits.</summary>
    public long? Thread { get; init; }

    /// <summary><c>filename</c>.</summary>
    public string? Filename { get; init; }

    /// <summary><c>lineno</c>.</summary>
    public int? Lineno { get; init; }

    /// <summary><c>cut_id</c>.</summary>
    public string? CutId { get; init; }

    /// <summary><c>workflow_name</c>.</summary>
    public string? WorkflowName { get; init; }

    /// <summary><c>stage_name</c>.</summary>
    public string? StageName { get; init; }

    /// <summary><c>job_name</c>.</summary>
    public string? JobName { get; init; }

    /// <summary><c>duration_ms</c>.</summary>
    public double? DurationMs { get; init; }

    /// <summary><c>memory_usage_mb</c>.</summary>
    public double? MemoryUsageMb { get; init; }

    /// <summary><c>cpu_usage_percent</c>.</summary>
    public double? CpuUsagePercent { get; init; }

    /// <summary><c>trace_id</c>.</summary>
    public string? TraceId { get; init; }

    /// <summary><c>span_id</c>.</summary>
    public string? SpanId { get; init; }

    /// <summary><c>parent_span_id</c>.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary><c>exception_type</c>.</summary>
    public string? ExceptionType { get; init; }

    /// <summary><c>exception_message</c>.</summary>
    public string? ExceptionMessage { get; init; }

    /// <summary><c>stack_trace</c>.</summary>
    public string? StackTrace { get; init; }

    /// <summary><c>error_code</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary><c>user_id</c>.</summary>
    public string? UserId { get; init; }

    /// <summary><c>tenant_id</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary><c>environment</c>.</summary>
    public string? Environment { get; init; }

    /// <summary><c>hostname</c>.</summary>
    public string? Hostname { get; init; }

    /// <summary><c>ip_address</c>.</summary>
    public string? IpAddress { get; init; }

    /// <summary><c>python_version</c> (written by Python producers).</summary>
    public string? PythonVersion { get; init; }

    /// <summary><c>runtime_version</c>.</summary>
    public string? RuntimeVersion { get; init; }

    /// <summary><c>package_version</c>.</summary>
    public string? PackageVersion { get; init; }

    /// <summary><c>tags</c>; empty when none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>metadata</c> as its JSON text, or null when absent (an empty object stays <c>{}</c>).</summary>
    public string? MetadataJson { get; init; }

    /// <summary><c>metric</c>, the newer Python producer's object in place of <c>metadata</c>, as its JSON text.</summary>
    public string? MetricJson { get; init; }

    /// <summary><c>error_flag</c>, written by the newer Python producer.</summary>
    public bool? ErrorFlag { get; init; }

    /// <summary><c>created_at</c>, read as UTC when stored without a zone.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// Whether the entry records an error: level <c>error</c>, <c>critical</c> or <c>exception</c>, or an
    /// <c>error_flag</c> of true.
    /// </summary>
    public bool IsError => ErrorFlag == true || TraceQuery.IsErrorLevel(Level);

    /// <summary><see cref="MetadataJson"/> parsed; null when absent. Parses on every call.</summary>
    public JsonElement? Metadata => Parse(MetadataJson);

    /// <summary><see cref="MetricJson"/> parsed; null when absent. Parses on every call.</summary>
    public JsonElement? Metric => Parse(MetricJson);

    static JsonElement? Parse(string? json)
    {
        if (json is null)
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
