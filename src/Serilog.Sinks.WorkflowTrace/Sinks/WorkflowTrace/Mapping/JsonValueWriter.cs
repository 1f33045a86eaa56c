using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writes Serilog property values as JSON that Elasticsearch accepts whatever the input: structures and
/// dictionaries become objects, sequences arrays; non-finite numbers become strings; names are sanitized and made
/// unique; nesting deeper than <see cref="MaxDepth"/> is written as text so the document stays within
/// Elasticsearch's mapping depth limit (20); a value whose <c>ToString</c> throws is written as a placeholder naming what it threw
/// (<see cref="Unreadable"/>).
/// Used from one thread at a time.
/// </summary>
sealed class JsonValueWriter
{
    /// <summary>Object/array levels kept below <c>metadata</c>; deeper values are written as their text.</summary>
    public const int MaxDepth = 10;

    /// <summary>Longest text written for a value flattened because of depth.</summary>
    const int MaxFlattenedLength = 32 * 1024;

    readonly List<UniqueNameSet> _namesByDepth = [];

    /// <summary>Cuts texts over <see cref="TextBudget.LongText"/> characters so that the document fits its limit.</summary>
    public TextBudget Budget { get; } = new();

    /// <summary>A name set for an object at the given depth, cleared; one per depth so recursion can reuse them.</summary>
    public UniqueNameSet NamesAt(int depth)
    {
        while (_namesByDepth.Count <= depth)
            _namesByDepth.Add(new UniqueNameSet());
        var names = _namesByDepth[depth];
        names.Clear();
        return names;
    }

    /// <summary>
    /// True for values the contract omits rather than writing null or "". NaN and infinities count as no value:
    /// JSON cannot carry them, and as text they would clash with the numeric mapping of the same field.
    /// </summary>
    public static bool IsEmpty(LogEventPropertyValue value) => value is ScalarValue scalar && IsEmptyScalar(scalar.Value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsEmptyScalar(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        double d => !double.IsFinite(d),
        float f => !float.IsFinite(f),
        _ => false,
    };

    public void WriteMember(Utf8JsonWriter writer, UniqueNameSet names, string rawName, LogEventPropertyValue value, int depth)
    {
        if (IsEmpty(value))
            return;
        writer.WritePropertyName(names.Claim(FieldNameSanitizer.Sanitize(rawName)));
        WriteValue(writer, value, depth);
    }

    public void WriteValue(Utf8JsonWriter writer, LogEventPropertyValue value, int depth)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(writer, scalar.Value);
                return;
            case SequenceValue or StructureValue or DictionaryValue when depth >= MaxDepth:
                WriteText(writer, Flatten(value));
                return;
            case SequenceValue sequence:
                writer.WriteStartArray();
                foreach (var element in sequence.Elements)
                    WriteValue(writer, element, depth + 1);
                writer.WriteEndArray();
                return;
            case StructureValue structure:
            {
                writer.WriteStartObject();
                var names = NamesAt(depth + 1);
                if (!string.IsNullOrEmpty(structure.TypeTag))
                {
                    names.Reserve("$type");
                    writer.WritePropertyName("$type");
                    WriteText(writer, structure.TypeTag);
                }
                foreach (var property in structure.Properties)
                    WriteMember(writer, names, property.Name, property.Value, depth + 1);
                writer.WriteEndObject();
                return;
            }
            case DictionaryValue dictionary:
            {
                writer.WriteStartObject();
                var names = NamesAt(depth + 1);
                foreach (var (key, element) in dictionary.Elements)
                    WriteMember(writer, names, ScalarText(key.Value), element, depth + 1);
                writer.WriteEndObject();
                return;
            }
            default:
                WriteText(writer, Flatten(value));
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteScalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: WriteText(writer, s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: WriteDouble(writer, d); break;
            case float f: WriteSingle(writer, f); break;
            case decimal m: WriteDecimal(writer, m); break;
            case short s16: writer.WriteNumberValue(s16); break;
            case byte u8: writer.WriteNumberValue(u8); break;
            case sbyte s8: writer.WriteNumberValue(s8); break;
            case ushort u16: writer.WriteNumberValue(u16); break;
            case uint u32: writer.WriteNumberValue(u32); break;
            case ulong u64: writer.WriteNumberValue(u64); break;
            case DateTime dt: writer.WriteStringValue(dt); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto); break;
            case Guid g: writer.WriteStringValue(g); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case char c: WriteText(writer, c.ToString()); break;
            default: WriteText(writer, ScalarText(value)); break;
        }
    }

    /// <summary>
    /// Writes a floating-point number so that it always looks like one (<c>1.0</c>, not <c>1</c>): Elasticsearch's
    /// dynamic mapping would otherwise map the field as <c>long</c> from its first whole value and silently
    /// truncate every later fraction. JSON has no NaN or infinity: inside an array they become null (members
    /// holding them are omitted before getting here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        WriteWithDecimalPoint(writer, buffer, written);
    }

    static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (!float.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        WriteWithDecimalPoint(writer, buffer, written);
    }

    static void WriteWithDecimalPoint(Utf8JsonWriter writer, Span<byte> buffer, int written)
    {
        if (buffer[..written].IndexOfAny(".Ee"u8) < 0)
        {
            ".0"u8.CopyTo(buffer[written..]);
            written += 2;
        }
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    static void WriteDecimal(Utf8JsonWriter writer, decimal value)
    {
        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        WriteWithDecimalPoint(writer, buffer, written);
    }

    /// <summary>Writes a text value; a long one through <see cref="Budget"/>, which may cut it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteText(Utf8JsonWriter writer, ReadOnlySpan<char> text)
    {
        if (text.Length > TextBudget.LongText)
            Budget.WriteLong(writer, text, text.Length);
        else
            WriteWhole(writer, text);
    }

    /// <summary>Writes a member holding text; <paramref name="fullChars"/>, when given, is the length of the text <paramref name="text"/> begins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteText(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<char> text, long fullChars = -1)
    {
        writer.WritePropertyName(name);
        if (text.Length <= TextBudget.LongText && fullChars <= text.Length)
        {
            WriteWhole(writer, text);
            return;
        }
        Budget.Field = name.ToString();
        Budget.InMetadata = false;
        Budget.WriteLong(writer, text, Math.Max(fullChars, text.Length));
    }

    /// <summary>Writes a text value whole, however long (a cached document's parts, which are short).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteWhole(Utf8JsonWriter writer, ReadOnlySpan<char> text)
    {
        if (SafeText.NeedsRepair(text))
            writer.WriteStringValue(SafeText.Repair(text));
        else
            writer.WriteStringValue(text);
    }

    /// <summary>Invariant text of a scalar, never throwing: a user type's ToString can fail.</summary>
    public static string ScalarText(object? value)
    {
        try
        {
            return value switch
            {
                null => "null",
                string s => s,
                TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        catch (Exception ex)
        {
            // Never the thrown exception's message: reading it may throw as well.
            return Unreadable.Placeholder("ToString()", ex);
        }
    }

    static string Flatten(LogEventPropertyValue value)
    {
        try
        {
            var text = value.ToString(null, CultureInfo.InvariantCulture);
            return text.Length <= MaxFlattenedLength ? text : text[..MaxFlattenedLength] + "…";
        }
        catch (Exception ex)
        {
            return Unreadable.Placeholder("ToString()", ex);
        }
    }
}
