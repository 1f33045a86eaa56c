using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writes one captured event as one trace document: the field set of shared/field-contract.md, in its order,
/// each field omitted when it has no value. Properties that fill a contract field are not repeated under
/// <c>metadata</c>; a property that cannot be converted to its field's type (a text <c>lineno</c>) stays in
/// <c>metadata</c> instead of being lost. Values that are the same for every document (host facts, option
/// defaults) are encoded once. Used from the batch thread only.
/// </summary>
sealed class TraceDocumentWriter : ITraceDocumentWriter
{
    static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    static readonly JsonEncodedText TruncatedFieldsName = JsonEncodedText.Encode("truncated_fields");

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
    readonly BoundedCache<PropertyNameInfo> _propertyNames = new();
    readonly int[] _slots = new int[ContextPropertyNames.FieldCount];
    readonly bool[] _slotIsContractName = new bool[ContextPropertyNames.FieldCount];
    readonly bool[] _slotUsed = new bool[ContextPropertyNames.FieldCount];
    readonly List<string> _tags = [];
    PropertyNameInfo[] _infos = new PropertyNameInfo[16];
    // The field each property's name belongs to (-1 for none), by property index, so metadata can skip it without a search.
    int[] _fieldOf = new int[16];
    // The name at each property position in the last event, and its info: events of one call site and context
    // logger carry the same name instances in the same order, so the name cache is consulted only for new shapes.
    readonly string?[] _lastNames = new string?[16];
    readonly PropertyNameInfo?[] _lastInfos = new PropertyNameInfo?[16];
    CapturedEvent? _current;

    // The document cache (DocumentShape): the last shape written, and what the write in progress records of itself.
    readonly Utf8JsonWriter _fragment;
    DocumentShape? _shape;
    bool _recording;
    long _documentBase;
    readonly int[] _partStarts = new int[DocumentShape.PartCount];
    readonly int[] _partEnds = new int[DocumentShape.PartCount];
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
    /// Whether the document of <paramref name="captured"/> can be written from, and recorded as, a
    /// <see cref="DocumentShape"/>: nothing in it may vary that the shape's key does not hold.
    /// </summary>
    /// <remarks>The current event's own properties' infos (<see cref="_infos"/>) must be known.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsCacheable(CapturedEvent captured) =>
        !_writeTimestamp && captured.Exception is null && captured.TraceId == default && captured.SpanId == default &&
        captured.ParentSpanId == default && OwnPropertiesArePlain();

    // Own properties that are scalars and fill no contract field only ever appear in the message and in metadata.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool OwnPropertiesArePlain()
    {
        for (var i = 0; i < _ownCount; i++)
        {
            if (!At(i).IsScalar || _infos[i].FieldCode >= 0 || At(i).IsStringLongerThan(TextBudget.LongText))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the document of <paramref name="captured"/> from the last one of its kind, straight into
    /// <paramref name="output"/>; false (nothing written) when there is none, and <see cref="Write"/> is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryWriteLikeLast(IBufferWriter<byte> output, CapturedEvent captured, DateTime createdAtUtc)
    {
        var shape = _shape;
        if (shape is null || !shape.Fits(captured))
            return false;

        _current = captured;
        _ownCount = captured.OwnCount;
        _shared = captured.Shared;
        _propertyCount = captured.PropertyCount;
        EnsurePropertyCapacity();
        for (var i = 0; i < _ownCount; i++)
        {
            _infos[i] = InfoAt(i);
            _fieldOf[i] = -1;
        }
        if (!IsCacheable(captured))
            return false;

        var bytes = shape.Bytes;
        var copied = 0;
        for (var part = 0; part < DocumentShape.PartCount; part++)
        {
            output.Write(bytes.AsSpan(copied, shape.Starts[part] - copied));
            copied = shape.Ends[part];
            _fragment.Reset(output);
            switch ((DocumentShape.Part)part)
            {
                case DocumentShape.Part.Message:
                    RenderMessage(captured);
                    if (_text.WrittenSpan.Length > 0)
                    {
                        output.Write(","u8);
                        _values.WriteText(_fragment, TraceFields.Message, _text.WrittenSpan);
                    }
                    break;
                case DocumentShape.Part.Datetime:
                    WriteRawDate(output, TraceFields.Datetime, captured.Timestamp.UtcDateTime);
                    break;
                case DocumentShape.Part.Thread:
                    WriteRawMember(output, TraceFields.Thread);
                    var digits = output.GetSpan(20);
                    captured.ThreadId.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                    output.Advance(written);
                    break;
                case DocumentShape.Part.OwnMetadata:
                    for (var i = 0; i < _ownCount; i++)
                    {
                        if (IsSkippedInMetadata(i))
                            continue;
                        _fragment.Flush();
                        output.Write(","u8);
                        _fragment.Reset(output);
                        WriteMetadataMember(_fragment, i, null);
                    }
                    break;
                case DocumentShape.Part.CreatedAt:
                    WriteRawDate(output, TraceFields.CreatedAt, createdAtUtc);
                    break;
            }
            _fragment.Flush();
        }
        output.Write(bytes.AsSpan(copied));
        Forget();
        return true;
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

    // A member as Utf8JsonWriter writes it after another: ,"name": (names are encoded once; dates and numbers need
    // no escaping).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteRawMember(IBufferWriter<byte> output, JsonEncodedText name)
    {
        var encoded = name.EncodedUtf8Bytes;
        var span = output.GetSpan(encoded.Length + 4);
        span[0] = (byte)',';
        span[1] = (byte)'"';
        encoded.CopyTo(span[2..]);
        span[2 + encoded.Length] = (byte)'"';
        span[3 + encoded.Length] = (byte)':';
        output.Advance(encoded.Length + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteRawDate(IBufferWriter<byte> output, JsonEncodedText name, DateTime utc)
    {
        WriteRawMember(output, name);
        var span = output.GetSpan(Utf8Dates.Length + 2);
        span[0] = (byte)'"';
        Utf8Dates.Write(utc, span[1..]);
        span[Utf8Dates.Length + 1] = (byte)'"';
        output.Advance(Utf8Dates.Length + 2);
    }

    /// <summary>
    /// Called with the document just written by <see cref="Write"/> (the same writer, reset before it, now flushed):
    /// when it can serve as the shape of the events like it, it is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Written(CapturedEvent captured, ReadOnlySpan<byte> document)
    {
        var record = _recording && ReferenceEquals(captured, _current) && document.Length <= MaxShapeBytes && _values.Budget.Cut.Count == 0;
        _recording = false;
        Forget();
        if (record)
            _shape = new DocumentShape(captured, document, _partStarts, _partEnds);
    }

    /// <summary>
    /// The largest document kept as a shape: ordinary documents are well under a kilobyte, and a shape holds the
    /// event's shared properties for as long as it is kept.
    /// </summary>
    const int MaxShapeBytes = 16 * 1024;

    /// <summary>Sets the size limit of the next document (see <see cref="TextBudget"/>).</summary>
    public void LimitDocument(int maxBytes) => _values.Budget.Limit(maxBytes);

    /// <summary>After the document came out at <paramref name="documentBytes"/>, over its limit: whether writing it again can cut it to fit.</summary>
    public bool TryShrink(int documentBytes) => _values.Budget.TryShrink(documentBytes);

    /// <summary>Whether the last document written had texts cut to fit its limit.</summary>
    public bool TextsCut => _values.Budget.Cut.Count > 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Position(Utf8JsonWriter writer) => (int)(writer.BytesCommitted + writer.BytesPending - _documentBase);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void PartStarts(Utf8JsonWriter writer, DocumentShape.Part part)
    {
        if (_recording)
            _partStarts[(int)part] = Position(writer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void PartEnds(Utf8JsonWriter writer, DocumentShape.Part part)
    {
        if (_recording)
            _partEnds[(int)part] = Position(writer);
    }

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

        var runId = Text(captured, ContextField.RunId) ?? _defaults.RunId;
        var parentRunId = Text(captured, ContextField.ParentRunId) ?? _defaults.ParentRunId;
        WriteOptional(writer, TraceFields.RunId, runId);
        WriteOptional(writer, TraceFields.ParentRunId, parentRunId);
        writer.WriteString(TraceFields.Level, LevelNames.Name(captured.Level));
        PartStarts(writer, DocumentShape.Part.Message);
        WriteMessage(writer, captured);
        PartEnds(writer, DocumentShape.Part.Message);

        var mode = Text(captured, ContextField.Mode);
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
        WriteOptional(writer, TraceFields.Filename, FileNameOnly(Text(captured, ContextField.Filename)));
        if (Integer(captured, ContextField.Lineno) is { } line)
            writer.WriteNumber(TraceFields.Lineno, line);
        if (runId is not null)
            _values.WriteText(writer, TraceFields.CutId, CachedCutId(runId, parentRunId));

        WriteContextText(writer, TraceFields.WorkflowName, captured, ContextField.WorkflowName, _workflowName);
        WriteContextText(writer, TraceFields.StageName, captured, ContextField.StageName, _stageName);
        WriteContextText(writer, TraceFields.JobName, captured, ContextField.JobName, _jobName);
        WriteOptional(writer, TraceFields.DurationMs, Number(captured, ContextField.DurationMs));
        WriteOptional(writer, TraceFields.MemoryUsageMb, Number(captured, ContextField.MemoryUsageMb) ?? _metrics?.MemoryUsageMb);
        WriteOptional(writer, TraceFields.CpuUsagePercent, Number(captured, ContextField.CpuUsagePercent) ?? _metrics?.CpuUsagePercent);

        if (captured.TraceId != default)
            WriteHex(writer, TraceFields.TraceId, captured.TraceId);
        else
            WriteOptional(writer, TraceFields.TraceId, Text(captured, ContextField.TraceId), _traceId);

        if (captured.SpanId != default)
            WriteHex(writer, TraceFields.SpanId, captured.SpanId);
        else
            WriteOptional(writer, TraceFields.SpanId, Text(captured, ContextField.SpanId), _spanId);

        var parentSpanId = Text(captured, ContextField.ParentSpanId);
        if (parentSpanId is not null)
            _values.WriteText(writer, TraceFields.ParentSpanId, parentSpanId);
        else if (captured.ParentSpanId != default)
            WriteHex(writer, TraceFields.ParentSpanId, captured.ParentSpanId);

        if (captured.Exception is { } exception)
            WriteException(writer, exception);

        WriteOptional(writer, TraceFields.ErrorCode, Text(captured, ContextField.ErrorCode));
        WriteContextText(writer, TraceFields.UserId, captured, ContextField.UserId, _userId);
        WriteContextText(writer, TraceFields.TenantId, captured, ContextField.TenantId, _tenantId);
        WriteContextText(writer, TraceFields.Environment, captured, ContextField.Environment, _environment);
        WriteOptional(writer, TraceFields.Hostname, null, _hostname);
        WriteOptional(writer, TraceFields.IpAddress, null, _ipAddress);
        WriteOptional(writer, TraceFields.PythonVersion, Text(captured, ContextField.PythonVersion));
        WriteOptional(writer, TraceFields.RuntimeVersion, null, _runtimeVersion);
        WriteOptional(writer, TraceFields.PackageVersion, null, _packageVersion);
        WriteTags(writer, captured);
        WriteMetadata(writer, captured);
        PartStarts(writer, DocumentShape.Part.CreatedAt);
        WriteDate(writer, TraceFields.CreatedAt, createdAtUtc);
        PartEnds(writer, DocumentShape.Part.CreatedAt);

        writer.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CollectContextProperties()
    {
        Array.Fill(_slots, -1);
        Array.Clear(_slotUsed);
        EnsurePropertyCapacity();
        long longHoles = 0;
        for (var i = 0; i < _propertyCount; i++)
        {
            // A long text decides how much of each can be kept; an own one (a hole) is in the message as well.
            if (At(i).IsStringLongerThan(TextBudget.LongText))
            {
                var length = ((string)At(i).Scalar!).Length;
                _values.Budget.Expect(length);
                if (i < _ownCount)
                    longHoles += length;
            }
            var info = _infos[i] = InfoAt(i);
            _fieldOf[i] = -1;
            var code = info.FieldCode;
            if (code < 0)
                continue;
            var field = code >> 1;
            var isContractName = (code & 1) == 1;
            // Both spellings of a field's name know their field: the one that fills it (snake_case first), and
            // the other, which is then not repeated under metadata either.
            _fieldOf[i] = field;
            var holder = _slots[field];
            if (holder < 0 || isContractName && !_slotIsContractName[field])
            {
                _slots[field] = i;
                _slotIsContractName[field] = isContractName;
            }
        }
        if (longHoles > 0)
            _values.Budget.Expect((int)Math.Min(int.MaxValue, longHoles));
        _values.Budget.ChooseFirstCap();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void EnsurePropertyCapacity()
    {
        if (_infos.Length < _propertyCount)
        {
            _infos = new PropertyNameInfo[_propertyCount * 2];
            _fieldOf = new int[_propertyCount * 2];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    PropertyNameInfo InfoAt(int i)
    {
        var name = At(i).Name;
        if (i < _lastNames.Length && ReferenceEquals(_lastNames[i], name))
            return _lastInfos[i]!;
        var info = _propertyNames.Get(name, PropertyNameInfo.For);
        if (i < _lastNames.Length)
        {
            _lastNames[i] = name;
            _lastInfos[i] = info;
        }
        return info;
    }

    /// <summary>Writes a text field from its property when it has one (encoded once per value), else the fallback.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteContextText(Utf8JsonWriter writer, JsonEncodedText name, CapturedEvent captured, ContextField field, JsonEncodedText? fallback)
    {
        var index = _slots[(int)field];
        if (index >= 0 && At(index) is { IsScalar: true, Scalar: string { Length: > 0 } text })
        {
            _slotUsed[(int)field] = true;
            if (text.Length <= TextBudget.LongText)
                writer.WriteString(name, _infos[index].Encode(text));
            else
                _values.WriteText(writer, name, text);
            return;
        }
        WriteOptional(writer, name, Text(captured, field), fallback);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    object? Scalar(CapturedEvent captured, ContextField field)
    {
        var index = _slots[(int)field];
        return index < 0 ? null : At(index) is { IsScalar: true } property ? property.Scalar : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    string? Text(CapturedEvent captured, ContextField field)
    {
        if (Scalar(captured, field) is not { } value)
            return null;
        var text = value as string ?? JsonValueWriter.ScalarText(value);
        if (text.Length == 0)
            return null;
        _slotUsed[(int)field] = true;
        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double? Number(CapturedEvent captured, ContextField field)
    {
        double number;
        switch (Scalar(captured, field))
        {
            case null:
                return null;
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            case double d:
                number = d;
                break;
            case IConvertible convertible and not string and not bool and not char and not DateTime:
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int? Integer(CapturedEvent captured, ContextField field)
    {
        int? result = Scalar(captured, field) switch
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMessage(Utf8JsonWriter writer, CapturedEvent captured)
    {
        RenderMessage(captured);
        if (_text.WrittenSpan.Length > 0)
            _values.WriteText(writer, TraceFields.Message, _text.WrittenSpan, _text.Length + _text.Dropped);
    }

    /// <summary>Renders the message into <see cref="_text"/>; a template that cannot be rendered gives its text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void RenderMessage(CapturedEvent captured)
    {
        _text.Clear();
        // More than the document can hold of one text is not rendered at all.
        _text.Limit = _values.Budget.MaxChars;
        try
        {
            _renderer.Render(captured.Template, captured.Own, _shared, _text);
        }
        catch (Exception)
        {
            _text.Clear();
            _text.Write(captured.Template.Text);
        }
    }

    void WriteException(Utf8JsonWriter writer, Exception exception)
    {
        // An application's exception may throw from Message, StackTrace or ToString (its inner ones too): what cannot
        // be read is written as a placeholder naming what it threw.
        _values.WriteText(writer, TraceFields.ExceptionType, Unreadable.TypeNameOf(exception));
        WriteOptional(writer, TraceFields.ExceptionMessage, Unreadable.MessageOf(exception));
        WriteOptional(writer, TraceFields.StackTrace, Unreadable.FullTextOf(exception));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteTags(Utf8JsonWriter writer, CapturedEvent captured)
    {
        var index = _slots[(int)ContextField.Tags];
        if (index < 0 && _defaultTags.Length == 0)
            return;

        _tags.Clear();
        if (index >= 0)
        {
            var property = At(index);
            switch (property)
            {
                case { IsScalar: true, Scalar: string { Length: > 0 } single }:
                    AddTag(single);
                    _slotUsed[(int)ContextField.Tags] = true;
                    break;
                case { Complex: Serilog.Events.SequenceValue sequence } when sequence.Elements.All(e => e is Serilog.Events.ScalarValue):
                    foreach (var element in sequence.Elements)
                    {
                        if (element is Serilog.Events.ScalarValue { Value: { } value })
                            AddTag(JsonValueWriter.ScalarText(value));
                    }
                    _slotUsed[(int)ContextField.Tags] = true;
                    break;
            }
        }

        writer.WriteStartArray(TraceFields.Tags);
        for (var i = 0; i < _defaultTags.Length; i++)
            writer.WriteStringValue(_defaultTags[i]);
        _values.Budget.Field = "tags";
        foreach (var tag in _tags)
            _values.WriteText(writer, tag);
        writer.WriteEndArray();
        _tags.Clear();
    }

    void AddTag(string tag)
    {
        if (tag.Length > 0 && !_tags.Contains(tag, StringComparer.Ordinal) && !_defaults.Tags.Contains(tag, StringComparer.Ordinal))
            _tags.Add(tag);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMetadata(Utf8JsonWriter writer, CapturedEvent captured)
    {
        writer.WriteStartObject(TraceFields.Metadata);
        writer.WritePropertyName(TraceFields.MessageTemplateName);
        var budget = _values.Budget;
        budget.InMetadata = true;
        budget.Field = TraceFields.MessageTemplate;
        _values.WriteText(writer, captured.Template.Text);

        // Property names are unique within an event; only a name changed by sanitizing (or one equal to
        // message_template) can collide, and only then is the slower de-duplication needed.
        var mayCollide = false;
        for (var i = 0; i < _propertyCount; i++)
            mayCollide |= _infos[i].MetadataName.MayCollide;

        var unique = mayCollide ? _values.NamesAt(1) : null;
        unique?.Reserve(TraceFields.MessageTemplate);
        // A shape is recorded only where member names are written as they are (no de-duplication).
        _recording &= unique is null;
        PartStarts(writer, DocumentShape.Part.OwnMetadata);
        for (var i = 0; i < _propertyCount; i++)
        {
            if (i == _ownCount)
                PartEnds(writer, DocumentShape.Part.OwnMetadata);
            if (!IsSkippedInMetadata(i))
                WriteMetadataMember(writer, i, unique);
        }
        if (_propertyCount == _ownCount)
            PartEnds(writer, DocumentShape.Part.OwnMetadata);

        budget.InMetadata = false;
        if (budget.Cut.Count > 0)
        {
            writer.WriteStartArray(TruncatedFieldsName);
            foreach (var name in budget.Cut)
                writer.WriteStringValue(name);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Whether property <paramref name="i"/> stays out of metadata: it fills a contract field, or is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsSkippedInMetadata(int i)
    {
        ref readonly var property = ref At(i);
        return IsUsedForContextField(i) || property.IsScalar && JsonValueWriter.IsEmptyScalar(property.Scalar) ||
               !property.IsScalar && JsonValueWriter.IsEmpty(property.Complex!);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMetadataMember(Utf8JsonWriter writer, int i, UniqueNameSet? unique)
    {
        ref readonly var property = ref At(i);
        var info = _infos[i];
        _values.Budget.Field = info.MetadataName.Sanitized;
        if (unique is null)
            writer.WritePropertyName(info.MetadataName.Encoded);
        else
            writer.WritePropertyName(unique.Claim(info.MetadataName.Sanitized));

        if (!property.IsScalar)
            _values.WriteValue(writer, property.Complex!, 1);
        else if (property.Scalar is string text)
        {
            // A long value is written as it is, never cached: the cache would keep it alive.
            if (text.Length <= TextBudget.LongText)
                writer.WriteStringValue(info.Encode(text));
            else
                _values.WriteText(writer, text);
        }
        else
            _values.WriteScalar(writer, property.Scalar);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsUsedForContextField(int propertyIndex) => _fieldOf[propertyIndex] is var field and >= 0 && _slotUsed[field];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            _values.WriteText(writer, name, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value, JsonEncodedText? fallback)
    {
        if (!string.IsNullOrEmpty(value))
            _values.WriteText(writer, name, value);
        else if (fallback is { } encoded)
            writer.WriteString(name, encoded);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WritePropertyName(name);
            JsonValueWriter.WriteDouble(writer, number);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[Utf8Dates.Length];
        Utf8Dates.Write(utc, buffer);
        writer.WriteString(name, buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivityTraceId id)
    {
        Span<byte> raw = stackalloc byte[16];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivitySpanId id)
    {
        Span<byte> raw = stackalloc byte[8];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    // Consecutive events nearly always share their run: the last cut is reused instead of rebuilt.
    string? _lastRunId, _lastParentRunId, _lastCutId;

    string CachedCutId(string runId, string? parentRunId)
    {
        if (_lastCutId is null || !string.Equals(runId, _lastRunId, StringComparison.Ordinal) || !string.Equals(parentRunId, _lastParentRunId, StringComparison.Ordinal))
        {
            _lastRunId = runId;
            _lastParentRunId = parentRunId;
            _lastCutId = CutId(runId, parentRunId);
        }
        return _lastCutId;
    }

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
