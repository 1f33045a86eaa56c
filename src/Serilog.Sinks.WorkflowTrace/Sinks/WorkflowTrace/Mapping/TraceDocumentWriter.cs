using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writes one captured event as one trace document: the field set of shared/field-contract.md, in its order,
/// each field omitted when it has no value. Properties that fill a contract field are not repeated under
/// <c>metadata</c>; a property that cannot be converted to its field's type (a text <c>lineno</c>) stays in
/// <c>metadata</c> instead of being lost. Values that are the same for every document (host facts, option
/// defaults) are encoded once. Used from the batch thread only. Its jobs are in partial files: the field order here,
/// context resolution (<c>.Context</c>), single fields (<c>.Fields</c>), tags and metadata (<c>.Metadata</c>), and
/// the document cache (<c>.Shape</c>).
/// </summary>
sealed partial class TraceDocumentWriter : ITraceDocumentWriter
{
    static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    readonly TraceContextDefaults _defaults;
    readonly ProcessMetricsSampler? _metrics;
    readonly int _processId;
    readonly bool _writeTimestamp;
    readonly JsonEncodedText? _hostname, _ipAddress, _runtimeVersion, _packageVersion, _environment;
    readonly JsonEncodedText? _workflowName, _stageName, _jobName, _traceId, _spanId, _userId, _tenantId;
    readonly JsonEncodedText[] _defaultTags;
    readonly LiteralMessageRenderer _renderer = new();
    readonly PooledCharWriter _text = new();
    readonly JsonValueWriter _values = new();
    // The event being written, and its properties: its own ones first, then the ones shared with other events.
    CapturedEvent? _current;
    CapturedProperty[] _shared = [];
    int _ownCount, _propertyCount;

    /// <summary>Property <paramref name="i"/> of the current event: its own ones first, then the shared ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    ref readonly CapturedProperty At(int i) => ref i < _ownCount ? ref _current!.Own[i] : ref _shared[i - _ownCount];

    public TraceDocumentWriter(WorkflowTraceSettings settings, HostFacts host, ProcessMetricsSampler? metrics = null)
    {
        _defaults = settings.Context;
        _metrics = settings.SampleProcessMetrics ? metrics ?? new ProcessMetricsSampler() : null;
        _processId = host.ProcessId;
        // A data stream needs a real @timestamp; a plain index has it as an alias of datetime, which must not be written.
        _writeTimestamp = settings.Bootstrap.DataStream;
        _hostname = Encode(host.Hostname);
        _ipAddress = Encode(host.IpAddress);
        _runtimeVersion = Encode(host.RuntimeVersion);
        _packageVersion = Encode(settings.Context.PackageVersion ?? host.EntryAssemblyVersion);
        _environment = Encode(settings.Context.Environment ?? host.EnvironmentName);
        _workflowName = Encode(_defaults.WorkflowName);
        _stageName = Encode(_defaults.StageName);
        _jobName = Encode(_defaults.JobName);
        _traceId = Encode(_defaults.TraceId);
        _spanId = Encode(_defaults.SpanId);
        _userId = Encode(_defaults.UserId);
        _tenantId = Encode(_defaults.TenantId);
        _defaultTags = _defaults.Tags.Select(t => JsonEncodedText.Encode(SafeText.NeedsRepair(t) ? SafeText.Repair(t) : t, Encoder)).ToArray();
        _fragment = new Utf8JsonWriter(Stream.Null, FragmentOptions);
    }

    // The bulk body's writer options: a cached document's parts are written exactly as the whole document is.
    static readonly JsonWriterOptions FragmentOptions = new() { Encoder = Encoder, Indented = false, SkipValidation = true };

    static JsonEncodedText? Encode(string? value) =>
        string.IsNullOrEmpty(value) ? null : JsonEncodedText.Encode(SafeText.NeedsRepair(value) ? SafeText.Repair(value) : value, Encoder);

    /// <summary>Called once per batch: refreshes sampled process figures (which a cached document holds).</summary>
    public void BeginBatch()
    {
        if (_metrics is null)
            return;
        _metrics.Refresh();
        _shape = null;
    }

    /// <summary>
    /// Lets go of the event just written: this writer lives as long as the logger, and must not keep an event's
    /// values (its shared properties, a large text) alive after it.
    /// </summary>
    void Forget()
    {
        _current = null;
        _shared = [];
    }

    /// <summary>Sets the size limit of the next document (see <see cref="TextBudget"/>).</summary>
    public void LimitDocument(int maxBytes) => _values.Budget.Limit(maxBytes);

    /// <summary>After the document came out at <paramref name="documentBytes"/>, over its limit: whether writing it again can cut it to fit.</summary>
    public bool TryShrink(int documentBytes) => _values.Budget.TryShrink(documentBytes);

    /// <summary>Whether the last document written had texts cut to fit its limit.</summary>
    public bool TextsCut => _values.Budget.Cut.Count > 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(Utf8JsonWriter writer, CapturedEvent captured, DateTime createdAtUtc)
    {
        _current = captured;
        _ownCount = captured.OwnCount;
        _shared = captured.Shared;
        _propertyCount = captured.PropertyCount;
        _values.Budget.BeginWrite();
        CollectContextProperties();
        _recording = IsCacheable(captured);
        _documentBase = writer.BytesCommitted + writer.BytesPending;

        writer.WriteStartObject();

        var runId = Text(captured, TraceField.RunId) ?? _defaults.RunId;
        var parentRunId = Text(captured, TraceField.ParentRunId) ?? _defaults.ParentRunId;
        WriteOptional(writer, TraceFields.RunId, runId);
        WriteOptional(writer, TraceFields.ParentRunId, parentRunId);
        writer.WriteString(TraceFields.Level, LevelNames.Name(captured.Level));
        PartStarts(writer, DocumentShape.Part.Message);
        WriteMessage(writer, captured);
        PartEnds(writer, DocumentShape.Part.Message);

        var mode = Text(captured, TraceField.Mode);
        if (mode is not null)
            _values.WriteText(writer, TraceFields.Mode, mode);
        else
            writer.WriteString(TraceFields.Mode, LevelNames.DefaultMode(captured.Level));

        PartStarts(writer, DocumentShape.Part.Datetime);
        WriteDate(writer, TraceFields.Datetime, captured.Timestamp.UtcDateTime);
        PartEnds(writer, DocumentShape.Part.Datetime);
        if (_writeTimestamp)
            WriteDate(writer, TraceFields.Timestamp, captured.Timestamp.UtcDateTime);
        writer.WriteNumber(TraceFields.Process, _processId);
        PartStarts(writer, DocumentShape.Part.Thread);
        writer.WriteNumber(TraceFields.Thread, (long)captured.ThreadId);
        PartEnds(writer, DocumentShape.Part.Thread);
        WriteOptional(writer, TraceFields.Filename, FileNameOnly(Text(captured, TraceField.Filename)));
        if (Integer(captured, TraceField.Lineno) is { } line)
            writer.WriteNumber(TraceFields.Lineno, line);
        if (runId is not null)
            _values.WriteText(writer, TraceFields.CutId, CachedCutId(runId, parentRunId));

        WriteContextText(writer, TraceFields.WorkflowName, captured, TraceField.WorkflowName, _workflowName);
        WriteContextText(writer, TraceFields.StageName, captured, TraceField.StageName, _stageName);
        WriteContextText(writer, TraceFields.JobName, captured, TraceField.JobName, _jobName);
        WriteOptional(writer, TraceFields.DurationMs, Number(captured, TraceField.DurationMs));
        WriteOptional(writer, TraceFields.MemoryUsageMb, Number(captured, TraceField.MemoryUsageMb) ?? _metrics?.MemoryUsageMb);
        WriteOptional(writer, TraceFields.CpuUsagePercent, Number(captured, TraceField.CpuUsagePercent) ?? _metrics?.CpuUsagePercent);

        if (captured.TraceId != default)
            WriteHex(writer, TraceFields.TraceId, captured.TraceId);
        else
            WriteOptional(writer, TraceFields.TraceId, Text(captured, TraceField.TraceId), _traceId);

        if (captured.SpanId != default)
            WriteHex(writer, TraceFields.SpanId, captured.SpanId);
        else
            WriteOptional(writer, TraceFields.SpanId, Text(captured, TraceField.SpanId), _spanId);

        var parentSpanId = Text(captured, TraceField.ParentSpanId);
        if (parentSpanId is not null)
            _values.WriteText(writer, TraceFields.ParentSpanId, parentSpanId);
        else if (captured.ParentSpanId != default)
            WriteHex(writer, TraceFields.ParentSpanId, captured.ParentSpanId);

        if (captured.Exception is { } exception)
            WriteException(writer, exception);

        WriteOptional(writer, TraceFields.ErrorCode, Text(captured, TraceField.ErrorCode));
        WriteContextText(writer, TraceFields.UserId, captured, TraceField.UserId, _userId);
        WriteContextText(writer, TraceFields.TenantId, captured, TraceField.TenantId, _tenantId);
        WriteContextText(writer, TraceFields.Environment, captured, TraceField.Environment, _environment);
        WriteOptional(writer, TraceFields.Hostname, null, _hostname);
        WriteOptional(writer, TraceFields.IpAddress, null, _ipAddress);
        WriteOptional(writer, TraceFields.PythonVersion, Text(captured, TraceField.PythonVersion));
        WriteOptional(writer, TraceFields.RuntimeVersion, null, _runtimeVersion);
        WriteOptional(writer, TraceFields.PackageVersion, null, _packageVersion);
        WriteTags(writer, captured);
        WriteMetadata(writer, captured);
        PartStarts(writer, DocumentShape.Part.CreatedAt);
        WriteDate(writer, TraceFields.CreatedAt, createdAtUtc);
        PartEnds(writer, DocumentShape.Part.CreatedAt);

        writer.WriteEndObject();
    }
}
