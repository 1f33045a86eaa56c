using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Export;

/// <summary>
/// An entry's stored fields, in the contract's order and under its snake_case names, each left out when absent —
/// then the newer Python producer's <c>error_flag</c> and <c>metric</c>. Shared by every export format, so they
/// cannot disagree on what a field is called or holds.
/// </summary>
static class EntryFields
{
    /// <summary>Raw JSON text (metadata, metric), written as it was stored.</summary>
    public sealed record RawJson(string Json);

    public static IEnumerable<EntryField> Of(TraceEntry entry)
    {
        foreach (var row in TraceContract.Fields)
        {
            if (ValueOf(entry, row.Field) is { } value)
                yield return new EntryField(row.Name, row.Field, value);
        }

        if (entry.ErrorFlag is { } errorFlag)
            yield return new EntryField("error_flag", null, errorFlag);
        if (entry.MetricJson is { } metric)
            yield return new EntryField("metric", null, new RawJson(metric));
    }

    /// <summary>The value of <paramref name="field"/>, or null when the entry has none.</summary>
    public static object? ValueOf(TraceEntry entry, TraceField field) => field switch
    {
        TraceField.RunId => entry.RunId,
        TraceField.ParentRunId => entry.ParentRunId,
        TraceField.Level => entry.Level,
        TraceField.Message => entry.Message,
        TraceField.Mode => entry.Mode,
        // As stored, so a Python producer's zone-less datetime is exported as it is.
        TraceField.Datetime => entry.DatetimeText ?? entry.Datetime?.ToString("O", CultureInfo.InvariantCulture),
        TraceField.Process => entry.Process,
        TraceField.Thread => entry.Thread,
        TraceField.Filename => entry.Filename,
        TraceField.Lineno => entry.Lineno,
        TraceField.CutId => entry.CutId,
        TraceField.WorkflowName => entry.WorkflowName,
        TraceField.StageName => entry.StageName,
        TraceField.JobName => entry.JobName,
        TraceField.DurationMs => entry.DurationMs,
        TraceField.MemoryUsageMb => entry.MemoryUsageMb,
        TraceField.CpuUsagePercent => entry.CpuUsagePercent,
        TraceField.TraceId => entry.TraceId,
        TraceField.SpanId => entry.SpanId,
        TraceField.ParentSpanId => entry.ParentSpanId,
        TraceField.ExceptionType => entry.ExceptionType,
        TraceField.ExceptionMessage => entry.ExceptionMessage,
        TraceField.StackTrace => entry.StackTrace,
        TraceField.ErrorCode => entry.ErrorCode,
        TraceField.UserId => entry.UserId,
        TraceField.TenantId => entry.TenantId,
        TraceField.Environment => entry.Environment,
        TraceField.Hostname => entry.Hostname,
        TraceField.IpAddress => entry.IpAddress,
        TraceField.PythonVersion => entry.PythonVersion,
        TraceField.RuntimeVersion => entry.RuntimeVersion,
        TraceField.PackageVersion => entry.PackageVersion,
        TraceField.Tags => entry.Tags.Count > 0 ? entry.Tags : null,
        TraceField.Metadata => entry.MetadataJson is { } metadata ? new RawJson(metadata) : null,
        TraceField.CreatedAt => entry.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        _ => null,
    };
}
