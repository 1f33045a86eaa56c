using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writes one event as one trace document: the field set of shared/field-contract.md, in its order, each field
/// omitted when it has no value. Properties that fill a contract field are not repeated under <c>metadata</c>;
/// a property that cannot be converted to its field's type (a text <c>lineno</c>, a NaN <c>duration_ms</c>)
/// stays in <c>metadata</c> instead of being lost. Used from the batch thread only.
/// </summary>
sealed class TraceDocumentWriter : ITraceDocumentWriter
{
    const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    readonly TraceContextDefaults _defaults;
    readonly HostFacts _host;
    readonly ProcessMetricsSampler? _metrics;
    readonly string? _packageVersion;
    readonly string? _environment;
    readonly MessageTemplateTextFormatter _messageFormatter = new("{Message:l}", CultureInfo.InvariantCulture);
    readonly PooledCharWriter _text = new();
    readonly JsonValueWriter _values = new();
    readonly LogEventPropertyValue?[] _slots = new LogEventPropertyValue?[ContextPropertyNames.FieldCount];
    readonly string?[] _slotNames = new string?[ContextPropertyNames.FieldCount];
    readonly bool[] _slotIsContractName = new bool[ContextPropertyNames.FieldCount];
    readonly bool[] _slotUsed = new bool[ContextPropertyNames.FieldCount];
    readonly List<string> _tags = [];

    public TraceDocumentWriter(WorkflowTraceSettings settings, HostFacts host, ProcessMetricsSampler? metrics = null)
    {
        _defaults = settings.Context;
        _host = host;
        _metrics = settings.SampleProcessMetrics ? metrics ?? new ProcessMetricsSampler() : null;
        _packageVersion = settings.Context.PackageVersion ?? host.EntryAssemblyVersion;
        _environment = settings.Context.Environment ?? host.EnvironmentName;
    }

    /// <summary>Called once per batch: refreshes sampled process figures.</summary>
    public void BeginBatch() => _metrics?.Refresh();

    public void Write(Utf8JsonWriter writer, CapturedEvent captured, DateTime createdAtUtc)
    {
        var logEvent = captured.Original;
        CollectContextProperties(logEvent);

        writer.WriteStartObject();

        var runId = Text(ContextField.RunId) ?? _defaults.RunId;
        var parentRunId = Text(ContextField.ParentRunId) ?? _defaults.ParentRunId;
        WriteOptional(writer, TraceFields.RunId, runId);
        WriteOptional(writer, TraceFields.ParentRunId, parentRunId);
        writer.WriteString(TraceFields.Level, LevelNames.Name(logEvent.Level));
        WriteMessage(writer, logEvent);

        var mode = Text(ContextField.Mode);
        if (mode is not null)
            JsonValueWriter.WriteText(writer, TraceFields.Mode, mode);
        else
            writer.WriteString(TraceFields.Mode, LevelNames.DefaultMode(logEvent.Level));

        WriteDate(writer, TraceFields.Datetime, logEvent.Timestamp.UtcDateTime);
        writer.WriteNumber(TraceFields.Process, _host.ProcessId);
        writer.WriteNumber(TraceFields.Thread, (long)captured.ThreadId);
        WriteOptional(writer, TraceFields.Filename, FileNameOnly(Text(ContextField.Filename)));
        var lineno = Integer(ContextField.Lineno);
        if (lineno is { } line)
            writer.WriteNumber(TraceFields.Lineno, line);
        if (runId is not null)
            JsonValueWriter.WriteText(writer, TraceFields.CutId, CutId(runId, parentRunId));

        WriteOptional(writer, TraceFields.WorkflowName, Text(ContextField.WorkflowName) ?? _defaults.WorkflowName);
        WriteOptional(writer, TraceFields.StageName, Text(ContextField.StageName) ?? _defaults.StageName);
        WriteOptional(writer, TraceFields.JobName, Text(ContextField.JobName) ?? _defaults.JobName);
        WriteOptional(writer, TraceFields.DurationMs, Number(ContextField.DurationMs));
        WriteOptional(writer, TraceFields.MemoryUsageMb, Number(ContextField.MemoryUsageMb) ?? _metrics?.MemoryUsageMb);
        WriteOptional(writer, TraceFields.CpuUsagePercent, Number(ContextField.CpuUsagePercent) ?? _metrics?.CpuUsagePercent);

        if (logEvent.TraceId is { } traceId && traceId != default)
            WriteHex(writer, TraceFields.TraceId, traceId);
        else
            WriteOptional(writer, TraceFields.TraceId, Text(ContextField.TraceId) ?? _defaults.TraceId);

        if (logEvent.SpanId is { } spanId && spanId != default)
            WriteHex(writer, TraceFields.SpanId, spanId);
        else
            WriteOptional(writer, TraceFields.SpanId, Text(ContextField.SpanId) ?? _defaults.SpanId);

        var parentSpanId = Text(ContextField.ParentSpanId);
        if (parentSpanId is not null)
            JsonValueWriter.WriteText(writer, TraceFields.ParentSpanId, parentSpanId);
        else if (captured.ParentSpanId != default)
            WriteHex(writer, TraceFields.ParentSpanId, captured.ParentSpanId);

        if (logEvent.Exception is { } exception)
            WriteException(writer, exception);

        WriteOptional(writer, TraceFields.ErrorCode, Text(ContextField.ErrorCode));
        WriteOptional(writer, TraceFields.UserId, Text(ContextField.UserId) ?? _defaults.UserId);
        WriteOptional(writer, TraceFields.TenantId, Text(ContextField.TenantId) ?? _defaults.TenantId);
        WriteOptional(writer, TraceFields.Environment, Text(ContextField.Environment) ?? _environment);
        WriteOptional(writer, TraceFields.Hostname, _host.Hostname);
        WriteOptional(writer, TraceFields.IpAddress, _host.IpAddress);
        WriteOptional(writer, TraceFields.PythonVersion, Text(ContextField.PythonVersion));
        JsonValueWriter.WriteText(writer, TraceFields.RuntimeVersion, _host.RuntimeVersion);
        WriteOptional(writer, TraceFields.PackageVersion, _packageVersion);
        WriteTags(writer);
        WriteMetadata(writer, logEvent);
        WriteDate(writer, TraceFields.CreatedAt, createdAtUtc);

        writer.WriteEndObject();
    }

    void CollectContextProperties(LogEvent logEvent)
    {
        Array.Clear(_slots);
        Array.Clear(_slotNames);
        Array.Clear(_slotUsed);
        foreach (var (name, value) in logEvent.Properties)
        {
            if (!ContextPropertyNames.TryFind(name, out var field, out var isContractName))
                continue;
            var index = (int)field;
            if (_slots[index] is null || isContractName && !_slotIsContractName[index])
            {
                _slots[index] = value;
                _slotNames[index] = name;
                _slotIsContractName[index] = isContractName;
            }
        }
    }

    string? Text(ContextField field)
    {
        if (_slots[(int)field] is not ScalarValue { Value: { } value })
            return null;
        var text = JsonValueWriter.ScalarText(value);
        if (text.Length == 0)
            return null;
        _slotUsed[(int)field] = true;
        return text;
    }

    double? Number(ContextField field)
    {
        if (_slots[(int)field] is not ScalarValue { Value: { } value })
            return null;
        double number;
        switch (value)
        {
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            case string:
                return null;
            case IConvertible convertible when value is not bool and not char and not DateTime:
                try { number = convertible.ToDouble(CultureInfo.InvariantCulture); }
                catch (Exception) { return null; }
                break;
            default:
                return null;
        }

        if (!double.IsFinite(number))
            return null;
        _slotUsed[(int)field] = true;
        return number;
    }

    int? Integer(ContextField field)
    {
        if (_slots[(int)field] is not ScalarValue { Value: { } value })
            return null;
        int? result = value switch
        {
            int i => i,
            long l and >= int.MinValue and <= int.MaxValue => (int)l,
            short s => s,
            ushort us => us,
            byte b => b,
            sbyte sb => sb,
            uint ui and <= int.MaxValue => (int)ui,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (result is not null)
            _slotUsed[(int)field] = true;
        return result;
    }

    void WriteMessage(Utf8JsonWriter writer, LogEvent logEvent)
    {
        _text.Clear();
        try
        {
            _messageFormatter.Format(logEvent, _text);
        }
        catch (Exception)
        {
            _text.Clear();
            _text.Write(logEvent.MessageTemplate.Text);
        }
        if (_text.WrittenSpan.Length > 0)
            JsonValueWriter.WriteText(writer, TraceFields.Message, _text.WrittenSpan);
    }

    static void WriteException(Utf8JsonWriter writer, Exception exception)
    {
        JsonValueWriter.WriteText(writer, TraceFields.ExceptionType, exception.GetType().FullName ?? exception.GetType().Name);
        string? message, stackTrace;
        try { message = exception.Message; }
        catch (Exception ex) { message = $"(reading the exception's Message threw {ex.GetType().Name})"; }
        try { stackTrace = exception.ToString(); }
        catch (Exception ex) { stackTrace = $"{exception.GetType().FullName}: {message}{Environment.NewLine}(ToString() threw {ex.GetType().Name}){Environment.NewLine}{exception.StackTrace}"; }
        WriteOptional(writer, TraceFields.ExceptionMessage, message);
        WriteOptional(writer, TraceFields.StackTrace, stackTrace);
    }

    void WriteTags(Utf8JsonWriter writer)
    {
        _tags.Clear();
        foreach (var tag in _defaults.Tags)
            AddTag(tag);

        switch (_slots[(int)ContextField.Tags])
        {
            case ScalarValue { Value: string single } when single.Length > 0:
                AddTag(single);
                _slotUsed[(int)ContextField.Tags] = true;
                break;
            case SequenceValue sequence when sequence.Elements.All(e => e is ScalarValue):
                foreach (var element in sequence.Elements)
                {
                    if (element is ScalarValue { Value: { } value })
                        AddTag(JsonValueWriter.ScalarText(value));
                }
                _slotUsed[(int)ContextField.Tags] = true;
                break;
        }

        if (_tags.Count == 0)
            return;
        writer.WriteStartArray(TraceFields.Tags);
        foreach (var tag in _tags)
            JsonValueWriter.WriteText(writer, tag);
        writer.WriteEndArray();
    }

    void AddTag(string tag)
    {
        if (tag.Length > 0 && !_tags.Contains(tag, StringComparer.Ordinal))
            _tags.Add(tag);
    }

    void WriteMetadata(Utf8JsonWriter writer, LogEvent logEvent)
    {
        writer.WriteStartObject(TraceFields.Metadata);
        var names = _values.NamesAt(1);
        names.Reserve(TraceFields.MessageTemplate);
        writer.WritePropertyName(TraceFields.MessageTemplate);
        JsonValueWriter.WriteText(writer, logEvent.MessageTemplate.Text);

        foreach (var (name, value) in logEvent.Properties)
        {
            if (IsUsedForContextField(name))
                continue;
            _values.WriteMember(writer, names, name, value, 1);
        }

        writer.WriteEndObject();
    }

    bool IsUsedForContextField(string name)
    {
        if (!ContextPropertyNames.TryFind(name, out var field, out _))
            return false;
        var index = (int)field;
        return _slotUsed[index] && string.Equals(_slotNames[index], name, StringComparison.Ordinal);
    }

    static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            JsonValueWriter.WriteText(writer, name, value);
    }

    static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WritePropertyName(name);
            JsonValueWriter.WriteDouble(writer, number);
        }
    }

    static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[32];
        utc.TryFormat(buffer, out var written, DateFormat, CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..written]);
    }

    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivityTraceId id)
    {
        Span<byte> raw = stackalloc byte[16];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivitySpanId id)
    {
        Span<byte> raw = stackalloc byte[8];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<byte> raw)
    {
        Span<byte> hex = stackalloc byte[raw.Length * 2];
        for (var i = 0; i < raw.Length; i++)
        {
            hex[2 * i] = HexDigit(raw[i] >> 4);
            hex[2 * i + 1] = HexDigit(raw[i] & 0xF);
        }
        writer.WriteString(name, hex);
    }

    static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    /// <summary>The caller's file name without directories, whichever platform's separators it carries.</summary>
    static string? FileNameOnly(string? path)
    {
        if (path is null)
            return null;
        var slash = path.LastIndexOfAny(['/', '\\']);
        var name = slash < 0 ? path : path[(slash + 1)..];
        return name.Length == 0 ? null : name;
    }

    /// <summary>The contract's <c>cut_id</c>: the last 8 characters of the run id, prefixed by the parent's.</summary>
    internal static string CutId(string runId, string? parentRunId) =>
        parentRunId is null ? Cut(runId) : $"{Cut(parentRunId)} -> {Cut(runId)}";

    static string Cut(string id)
    {
        if (id.Length <= 8)
            return id;
        var start = id.Length - 8;
        // Never start inside a surrogate pair.
        if (char.IsLowSurrogate(id[start]))
            start--;
        return id[start..];
    }
}
