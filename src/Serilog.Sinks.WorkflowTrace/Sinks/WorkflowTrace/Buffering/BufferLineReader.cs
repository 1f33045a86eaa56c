using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Reads a line the durable buffer wrote (<see cref="BufferLineFormatter"/>) back into the record the delivery code
/// works with, in one pass over its UTF-8 with no intermediate document or log event. The lines of one file repeat
/// their templates, names and context values: each is kept from the line before when it is the same, so the
/// events of a context logger share their strings again. One instance per reading thread.
/// </summary>
sealed class BufferLineReader
{
    static readonly object True = true, False = false;

    readonly MessageTemplateParser _templates = new();
    readonly Dictionary<string, MessageTemplate> _parsed = new(StringComparer.Ordinal);
    string[] _lastNames = new string[16];
    object?[] _lastValues = new object?[16];
    MessageTemplate? _lastTemplate;
    readonly List<CapturedProperty> _properties = new(16);
    readonly List<CapturedProperty> _shared = new(16);
    readonly Dictionary<MessageTemplate, string[]> _holes = new(ReferenceEqualityComparer.Instance);
    CapturedProperty[]? _lastShared;

    /// <summary>Reads <paramref name="line"/> into <paramref name="record"/> (its sequence left 0).</summary>
    /// <exception cref="FormatException">The line is not an event of the buffer; the message says why.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(ReadOnlySpan<byte> line, out CaptureRecord record)
    {
        record = default;
        record.Level = LogEventLevel.Information; // CLEF leaves @l out for Information
        _properties.Clear();
        string? exceptionText = null, exceptionType = null, exceptionMessage = null;
        bool hasTime = false, hasTemplate = false;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new FormatException("not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'@' && !(reader.ValueSpan.Length > 1 && reader.ValueSpan[1] == (byte)'@'))
                {
                    var name = reader.ValueSpan;
                    reader.Read();
                    if (name.SequenceEqual("@t"u8))
                        hasTime = reader.TryGetDateTimeOffset(out record.Timestamp);
                    else if (name.SequenceEqual("@mt"u8))
                    {
                        record.Template = TemplateOf(ref reader);
                        hasTemplate = true;
                    }
                    else if (name.SequenceEqual("@l"u8))
                        record.Level = LevelOf(reader.ValueSpan);
                    else if (name.SequenceEqual("@x"u8))
                        exceptionText = reader.GetString();
                    else if (name.SequenceEqual("@tr"u8))
                        record.TraceId = ActivityTraceId.CreateFromUtf8String(reader.ValueSpan);
                    else if (name.SequenceEqual("@sp"u8))
                        record.SpanId = ActivitySpanId.CreateFromUtf8String(reader.ValueSpan);
                    else if (name.SequenceEqual("@wt_thread"u8))
                        record.ThreadId = reader.GetInt32();
                    else if (name.SequenceEqual("@wt_parent"u8))
                        record.ParentSpanId = ActivitySpanId.CreateFromUtf8String(reader.ValueSpan);
                    else if (name.SequenceEqual("@wt_xtype"u8))
                        exceptionType = reader.GetString();
                    else if (name.SequenceEqual("@wt_xmsg"u8))
                        exceptionMessage = reader.GetString();
                    else
                        reader.Skip();
                    continue;
                }
                ReadProperty(ref reader);
            }
            // One object, and nothing after it but the end of the line.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
                throw new FormatException("not one JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new FormatException("not an event of the buffer: " + e.Message, e);
        }
        if (!hasTime)
            throw new FormatException("no @t (the event's time)");
        if (!hasTemplate)
            record.Template = TemplateOf("");
        if (exceptionText is not null)
            record.Exception = RecordedException.FromText(exceptionText, exceptionType, exceptionMessage);
        Split(ref record);
    }

    /// <summary>
    /// Parts the properties as the logging call did: the template's holes are the event's own, the rest shared with
    /// the events around it — and when the rest is the very same as the line before's (same name and value objects,
    /// which the per-position reuse makes it for a context logger), the line before's array is shared again, so
    /// that the document writer's cache of the last document's shape applies as it does without a buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Split(ref CaptureRecord record)
    {
        var holes = HolesOf(record.Template);
        var own = 0;
        _shared.Clear();
        foreach (var property in _properties)
        {
            if (Array.IndexOf(holes, property.Name) < 0)
            {
                _shared.Add(property);
                continue;
            }
            switch (own++)
            {
                case 0:
                    record.Own0 = property.Pack();
                    break;
                case 1:
                    record.Own1 = property.Pack();
                    break;
            }
        }
        record.OwnCount = own;
        if (own > 2)
        {
            record.Own0 = record.Own1 = default;
            record.OwnOverflow = _properties.Where(p => Array.IndexOf(holes, p.Name) >= 0).ToArray();
        }
        record.Shared = SharedArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    CapturedProperty[] SharedArray()
    {
        if (_lastShared is { } last && last.Length == _shared.Count)
        {
            var same = true;
            for (var i = 0; i < last.Length && same; i++)
                same = last[i].IsSameAs(_shared[i]);
            if (same)
                return last;
        }
        return _lastShared = _shared.Count == 0 ? [] : _shared.ToArray();
    }

    string[] HolesOf(MessageTemplate template)
    {
        if (_holes.TryGetValue(template, out var holes))
            return holes;
        if (_holes.Count >= 1000)
            _holes.Clear();
        return _holes[template] = template.Tokens.OfType<PropertyToken>().Select(t => t.PropertyName).Distinct().ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ReadProperty(ref Utf8JsonReader reader)
    {
        var index = _properties.Count;
        var name = NameAt(index, ref reader);
        reader.Read();
        object? value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = index < _lastValues.Length && _lastValues[index] is string last && reader.ValueTextEquals(last) ? last : reader.GetString();
                break;
            case JsonTokenType.Number:
                // The same number as the line before's keeps its box (and so its identity, for sharing).
                var previous = index < _lastValues.Length ? _lastValues[index] : null;
                if (reader.TryGetInt64(out var integer))
                    value = previous is long same && same == integer ? previous : integer;
                else
                    value = reader.GetDouble() is var real && previous is double equal && equal.Equals(real) ? previous : real;
                break;
            case JsonTokenType.True:
                value = True;
                break;
            case JsonTokenType.False:
                value = False;
                break;
            case JsonTokenType.Null:
                value = null;
                break;
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                    value = ClefValues.ToValue(document.RootElement);
                break;
        }
        if (index >= _lastValues.Length)
            Array.Resize(ref _lastValues, index * 2);
        _lastValues[index] = value;
        _properties.Add(value is LogEventPropertyValue complex ? CapturedProperty.From(name, complex) : CapturedProperty.FromScalar(name, value));
    }

    /// <summary>The property name at <paramref name="index"/>: the last line's when it is the same.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    string NameAt(int index, ref Utf8JsonReader reader)
    {
        if (index < _lastNames.Length && _lastNames[index] is { } last && reader.ValueTextEquals(last[0] == '@' ? "@" + last : last))
            return last;
        var name = reader.GetString()!;
        // CLEF writes an application's '@name' as '@@name'.
        if (name.StartsWith("@@", StringComparison.Ordinal))
            name = name[1..];
        if (index >= _lastNames.Length)
            Array.Resize(ref _lastNames, index * 2);
        return _lastNames[index] = name;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    MessageTemplate TemplateOf(ref Utf8JsonReader reader)
    {
        if (_lastTemplate is { } last && reader.ValueTextEquals(last.Text))
            return last;
        return TemplateOf(reader.GetString() ?? "");
    }

    MessageTemplate TemplateOf(string text)
    {
        if (!_parsed.TryGetValue(text, out var template))
        {
            if (_parsed.Count >= 1000)
                _parsed.Clear();
            template = _parsed[text] = _templates.Parse(text);
        }
        return _lastTemplate = template;
    }

    static LogEventLevel LevelOf(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("Verbose"u8) ? LogEventLevel.Verbose
        : name.SequenceEqual("Debug"u8) ? LogEventLevel.Debug
        : name.SequenceEqual("Information"u8) ? LogEventLevel.Information
        : name.SequenceEqual("Warning"u8) ? LogEventLevel.Warning
        : name.SequenceEqual("Error"u8) ? LogEventLevel.Error
        : name.SequenceEqual("Fatal"u8) ? LogEventLevel.Fatal
        : throw new FormatException("@l is not a level");
}
