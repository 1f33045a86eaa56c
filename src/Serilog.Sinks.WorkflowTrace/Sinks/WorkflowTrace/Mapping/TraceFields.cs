using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>The field names of <see cref="TraceContract"/>, pre-encoded once for the JSON writer.</summary>
static class TraceFields
{
    static JsonEncodedText Encode(TraceField field) => JsonEncodedText.Encode(TraceContract.Name(field));

    public static readonly JsonEncodedText RunId = Encode(TraceField.RunId);
    public static readonly JsonEncodedText ParentRunId = Encode(TraceField.ParentRunId);
    public static readonly JsonEncodedText Level = Encode(TraceField.Level);
    public static readonly JsonEncodedText Message = Encode(TraceField.Message);
    public static readonly JsonEncodedText Mode = Encode(TraceField.Mode);
    public static readonly JsonEncodedText Datetime = Encode(TraceField.Datetime);
    public static readonly JsonEncodedText Process = Encode(TraceField.Process);
    public static readonly JsonEncodedText Thread = Encode(TraceField.Thread);
    public static readonly JsonEncodedText Filename = Encode(TraceField.Filename);
    public static readonly JsonEncodedText Lineno = Encode(TraceField.Lineno);
    public static readonly JsonEncodedText CutId = Encode(TraceField.CutId);
    public static readonly JsonEncodedText WorkflowName = Encode(TraceField.WorkflowName);
    public static readonly JsonEncodedText StageName = Encode(TraceField.StageName);
    public static readonly JsonEncodedText JobName = Encode(TraceField.JobName);
    public static readonly JsonEncodedText DurationMs = Encode(TraceField.DurationMs);
    public static readonly JsonEncodedText MemoryUsageMb = Encode(TraceField.MemoryUsageMb);
    public static readonly JsonEncodedText CpuUsagePercent = Encode(TraceField.CpuUsagePercent);
    public static readonly JsonEncodedText TraceId = Encode(TraceField.TraceId);
    public static readonly JsonEncodedText SpanId = Encode(TraceField.SpanId);
    public static readonly JsonEncodedText ParentSpanId = Encode(TraceField.ParentSpanId);
    public static readonly JsonEncodedText ExceptionType = Encode(TraceField.ExceptionType);
    public static readonly JsonEncodedText ExceptionMessage = Encode(TraceField.ExceptionMessage);
    public static readonly JsonEncodedText StackTrace = Encode(TraceField.StackTrace);
    public static readonly JsonEncodedText ErrorCode = Encode(TraceField.ErrorCode);
    public static readonly JsonEncodedText UserId = Encode(TraceField.UserId);
    public static readonly JsonEncodedText TenantId = Encode(TraceField.TenantId);
    public static readonly JsonEncodedText Environment = Encode(TraceField.Environment);
    public static readonly JsonEncodedText Hostname = Encode(TraceField.Hostname);
    public static readonly JsonEncodedText IpAddress = Encode(TraceField.IpAddress);
    public static readonly JsonEncodedText PythonVersion = Encode(TraceField.PythonVersion);
    public static readonly JsonEncodedText RuntimeVersion = Encode(TraceField.RuntimeVersion);
    public static readonly JsonEncodedText PackageVersion = Encode(TraceField.PackageVersion);
    public static readonly JsonEncodedText Tags = Encode(TraceField.Tags);
    public static readonly JsonEncodedText Metadata = Encode(TraceField.Metadata);
    public static readonly JsonEncodedText CreatedAt = Encode(TraceField.CreatedAt);

    /// <summary>Only for data streams, which require it; a plain index maps it as an alias of <c>datetime</c>.</summary>
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode(TraceContract.Timestamp);

    /// <summary>Inside <c>metadata</c>: the raw message template.</summary>
    public const string MessageTemplate = TraceContract.MessageTemplate;

    public static readonly JsonEncodedText MessageTemplateName = JsonEncodedText.Encode(MessageTemplate);
}
