using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The values of one hit's <c>_source</c> while it is read, by slot (<see cref="TraceSourceFields"/>), reused from
/// hit to hit of an answer; <see cref="Build"/> makes the immutable <see cref="TraceEntry"/> once the hit's
/// <c>_id</c> and <c>_index</c> are known, wherever they stand in it. The first unreadable value's reason is kept.
/// </summary>
sealed class TraceEntryBuilder
{
    readonly string?[] _strings = new string?[TraceSourceFields.Count];
    readonly long?[] _integers = new long?[TraceSourceFields.Count];
    readonly double?[] _floats = new double?[TraceSourceFields.Count];
    readonly DateTimeOffset?[] _dates = new DateTimeOffset?[TraceSourceFields.Count];

    /// <summary>Why the source cannot be read (the first bad field); null while it can.</summary>
    public string? Reason { get; set; }

    /// <summary><c>error_flag</c>.</summary>
    public bool? ErrorFlag { get; set; }

    /// <summary><c>tags</c>; null when absent.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>Forgets the previous hit.</summary>
    public void Reset()
    {
        Array.Clear(_strings);
        Array.Clear(_integers);
        Array.Clear(_floats);
        Array.Clear(_dates);
        Reason = null;
        ErrorFlag = null;
        Tags = null;
    }

    public void SetString(int slot, string value) => _strings[slot] = value;

    public void SetInteger(int slot, long value) => _integers[slot] = value;

    public void SetFloat(int slot, double value) => _floats[slot] = value;

    public void SetDate(int slot, DateTimeOffset value) => _dates[slot] = value;

    /// <summary>The entry of the hit <paramref name="id"/> in <paramref name="index"/>.</summary>
    public TraceEntry Build(string id, string? index) => new()
    {
        Id = id,
        Index = index,
        RunId = S(TraceField.RunId),
        ParentRunId = S(TraceField.ParentRunId),
        Level = S(TraceField.Level),
        Message = S(TraceField.Message),
        Mode = S(TraceField.Mode),
        Datetime = _dates[(int)TraceField.Datetime],
        DatetimeText = S(TraceField.Datetime),
        Process = (int?)_integers[(int)TraceField.Process],
        Thread = _integers[(int)TraceField.Thread],
        Filename = S(TraceField.Filename),
        Lineno = (int?)_integers[(int)TraceField.Lineno],
        CutId = S(TraceField.CutId),
        WorkflowName = S(TraceField.WorkflowName),
        StageName = S(TraceField.StageName),
        JobName = S(TraceField.JobName),
        DurationMs = _floats[(int)TraceField.DurationMs],
        MemoryUsageMb = _floats[(int)TraceField.MemoryUsageMb],
        CpuUsagePercent = _floats[(int)TraceField.CpuUsagePercent],
        TraceId = S(TraceField.TraceId),
        SpanId = S(TraceField.SpanId),
        ParentSpanId = S(TraceField.ParentSpanId),
        ExceptionType = S(TraceField.ExceptionType),
        ExceptionMessage = S(TraceField.ExceptionMessage),
        StackTrace = S(TraceField.StackTrace),
        ErrorCode = S(TraceField.ErrorCode),
        UserId = S(TraceField.UserId),
        TenantId = S(TraceField.TenantId),
        Environment = S(TraceField.Environment),
        Hostname = S(TraceField.Hostname),
        IpAddress = S(TraceField.IpAddress),
        PythonVersion = S(TraceField.PythonVersion),
        RuntimeVersion = S(TraceField.RuntimeVersion),
        PackageVersion = S(TraceField.PackageVersion),
        Tags = Tags ?? [],
        MetadataJson = S(TraceField.Metadata),
        MetricJson = _strings[TraceSourceFields.Metric],
        ErrorFlag = ErrorFlag,
        CreatedAt = _dates[(int)TraceField.CreatedAt],
    };

    string? S(TraceField field) => _strings[(int)field];
}
