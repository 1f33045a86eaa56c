using System.Collections.Frozen;

namespace Serilog.Sinks.WorkflowTrace.Contract;

/// <summary>
/// The field contract (shared/field-contract.md), declared once: every field's name, its mapping type, and the
/// property spellings that fill it. The document writer, the index template, keyword truncation, context
/// resolution and the trace API all take their names from here; what they need on a hot path is built from it
/// once, here or in their own static fields.
/// </summary>
static class TraceContract
{
    /// <summary>Every field, in the contract's (and the document's) order; <c>Fields[(int)f].Field == f</c>.</summary>
    public static readonly IReadOnlyList<ContractField> Fields =
    [
        new(TraceField.RunId, "run_id", "keyword", ["run_id", "RunId"]),
        new(TraceField.ParentRunId, "parent_run_id", "keyword", ["parent_run_id", "ParentRunId"]),
        new(TraceField.Level, "level", "keyword", []),
        new(TraceField.Message, "message", "text", []),
        new(TraceField.Mode, "mode", "keyword", ["mode", "Mode"]),
        new(TraceField.Datetime, "datetime", "date", []),
        new(TraceField.Process, "process", "integer", []),
        // long, not the original integer: other runtimes' thread ids (Python's) exceed 32 bits.
        new(TraceField.Thread, "thread", "long", []),
        new(TraceField.Filename, "filename", "keyword", ["filename", "SourceFile", "Filename"]),
        new(TraceField.Lineno, "lineno", "integer", ["lineno", "SourceLine", "Lineno"]),
        new(TraceField.CutId, "cut_id", "keyword", []),
        new(TraceField.WorkflowName, "workflow_name", "keyword", ["workflow_name", "WorkflowName"]),
        new(TraceField.StageName, "stage_name", "keyword", ["stage_name", "StageName"]),
        new(TraceField.JobName, "job_name", "keyword", ["job_name", "JobName"]),
        new(TraceField.DurationMs, "duration_ms", "float", ["duration_ms", "DurationMs"]),
        new(TraceField.MemoryUsageMb, "memory_usage_mb", "float", ["memory_usage_mb", "MemoryUsageMb"]),
        new(TraceField.CpuUsagePercent, "cpu_usage_percent", "float", ["cpu_usage_percent", "CpuUsagePercent"]),
        new(TraceField.TraceId, "trace_id", "keyword", ["trace_id", "TraceId"]),
        new(TraceField.SpanId, "span_id", "keyword", ["span_id", "SpanId"]),
        new(TraceField.ParentSpanId, "parent_span_id", "keyword", ["parent_span_id", "ParentSpanId"]),
        new(TraceField.ExceptionType, "exception_type", "keyword", []),
        new(TraceField.ExceptionMessage, "exception_message", "text", []),
        new(TraceField.StackTrace, "stack_trace", "text", []),
        new(TraceField.ErrorCode, "error_code", "keyword", ["error_code", "ErrorCode"]),
        new(TraceField.UserId, "user_id", "keyword", ["user_id", "UserId"]),
        new(TraceField.TenantId, "tenant_id", "keyword", ["tenant_id", "TenantId"]),
        new(TraceField.Environment, "environment", "keyword", ["environment", "Environment"]),
        new(TraceField.Hostname, "hostname", "keyword", []),
        new(TraceField.IpAddress, "ip_address", "ip", []),
        new(TraceField.PythonVersion, "python_version", "keyword", ["python_version", "PythonVersion"]),
        new(TraceField.RuntimeVersion, "runtime_version", "keyword", []),
        new(TraceField.PackageVersion, "package_version", "keyword", []),
        // An array of keywords: Elasticsearch maps an array as its elements' type.
        new(TraceField.Tags, "tags", "keyword", ["tags", "Tags"]),
        new(TraceField.Metadata, "metadata", "object", [], Dynamic: true),
        new(TraceField.CreatedAt, "created_at", "date", []),
    ];

    /// <summary>Inside <c>metadata</c>: the raw message template.</summary>
    public const string MessageTemplate = "message_template";

    /// <summary>
    /// Only for data streams, which require it: a plain index maps it as an alias of <c>datetime</c>. Not a row of
    /// the table; the template adds it per index kind.
    /// </summary>
    public const string Timestamp = "@timestamp";

    /// <summary>How many fields there are: the size of an array indexed by <see cref="TraceField"/>.</summary>
    public static int Count => Fields.Count;

    /// <summary>Every accepted property spelling, and the field it fills; true where it is the contract's own name.</summary>
    static readonly FrozenDictionary<string, (TraceField Field, bool IsContractName)> BySpelling =
        Fields.SelectMany(f => f.Spellings.Select(s => KeyValuePair.Create(s, (f.Field, s == f.Name))))
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The row of <paramref name="field"/>.</summary>
    public static ContractField Of(TraceField field) => Fields[(int)field];

    /// <summary>The document name of <paramref name="field"/>.</summary>
    public static string Name(TraceField field) => Fields[(int)field].Name;

    /// <summary>
    /// Which field the property <paramref name="propertyName"/> fills, if any, and whether it is the contract's own
    /// (snake_case) spelling, which wins when an event has both.
    /// </summary>
    public static bool TryFindProperty(string propertyName, out TraceField field, out bool isContractName)
    {
        if (BySpelling.TryGetValue(propertyName, out var entry))
        {
            (field, isContractName) = entry;
            return true;
        }

        field = default;
        isContractName = false;
        return false;
    }
}
