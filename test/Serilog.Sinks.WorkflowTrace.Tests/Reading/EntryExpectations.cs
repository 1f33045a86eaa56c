using System.Globalization;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Whether an entry holds, typed, every field of the document it was read from.</summary>
static class EntryExpectations
{
    /// <summary>Each contract field's value on an entry, by document name.</summary>
    static readonly Dictionary<string, Func<TraceEntry, object?>> EntryValues = new()
    {
        ["run_id"] = e => e.RunId, ["parent_run_id"] = e => e.ParentRunId, ["level"] = e => e.Level,
        ["message"] = e => e.Message, ["mode"] = e => e.Mode, ["datetime"] = e => e.DatetimeText,
        ["process"] = e => e.Process, ["thread"] = e => e.Thread, ["filename"] = e => e.Filename,
        ["lineno"] = e => e.Lineno, ["cut_id"] = e => e.CutId, ["workflow_name"] = e => e.WorkflowName,
        ["stage_name"] = e => e.StageName, ["job_name"] = e => e.JobName, ["duration_ms"] = e => e.DurationMs,
        ["memory_usage_mb"] = e => e.MemoryUsageMb, ["cpu_usage_percent"] = e => e.CpuUsagePercent,
        ["trace_id"] = e => e.TraceId, ["span_id"] = e => e.SpanId, ["parent_span_id"] = e => e.ParentSpanId,
        ["exception_type"] = e => e.ExceptionType, ["exception_message"] = e => e.ExceptionMessage,
        ["stack_trace"] = e => e.StackTrace, ["error_code"] = e => e.ErrorCode, ["user_id"] = e => e.UserId,
        ["tenant_id"] = e => e.TenantId, ["environment"] = e => e.Environment, ["hostname"] = e => e.Hostname,
        ["ip_address"] = e => e.IpAddress, ["python_version"] = e => e.PythonVersion,
        ["runtime_version"] = e => e.RuntimeVersion, ["package_version"] = e => e.PackageVersion,
        ["tags"] = e => e.Tags, ["metadata"] = e => e.MetadataJson, ["created_at"] = e => e.CreatedAt,
    };

    /// <summary>Asserts that every field of <paramref name="document"/> is on <paramref name="entry"/> with its value.</summary>
    public static void AssertHolds(TraceEntry entry, JsonElement document)
    {
        foreach (var field in document.EnumerateObject())
        {
            var actual = EntryValues[field.Name](entry);
            object? expected = field.Value.ValueKind switch
            {
                JsonValueKind.String when field.Name == "created_at" => DateTimeOffset.Parse(field.Value.GetString()!, CultureInfo.InvariantCulture),
                JsonValueKind.String => field.Value.GetString(),
                JsonValueKind.Number when actual is int => field.Value.GetInt32(),
                JsonValueKind.Number when actual is long => field.Value.GetInt64(),
                JsonValueKind.Number => field.Value.GetDouble(),
                JsonValueKind.Array => field.Value.EnumerateArray().Select(t => t.GetString()).ToList(),
                _ => field.Value.GetRawText(),
            };
            Assert.That(actual, Is.EqualTo(expected), field.Name);
        }
        Assert.That(entry.Datetime, Is.EqualTo(DateTimeOffset.Parse(document.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture)));
    }
}
