using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Writes property values into a durable buffer line as Serilog's CLEF formatter (<c>JsonValueFormatter</c>) writes
/// them — exact numbers as numbers, doubles round-trip, dates as ISO 8601 text, other scalars as their text, a
/// structure's type as <c>$type</c> — straight to UTF-8, with one addition: a dictionary is an object whose
/// <c>$type</c> is <see cref="DictionaryTag"/>, so that it is read back as a dictionary (and rendered in the message
/// as one) rather than as a structure; other CLEF readers see an object with one more member.
/// </summary>
static class ClefValueWriter
{
    /// <summary>The member naming a structure's type.</summary>
    public const string TypeTagName = "$type";

    /// <summary>The <c>$type</c> of a dictionary.</summary>
    public const string DictionaryTag = "$dictionary";

    /// <summary>A property of a captured event, as a member of the line's object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteMember(Utf8JsonWriter writer, in CapturedProperty property)
    {
        // CLEF writes an application's property starting with '@' as '@@name'.
        if (property.Name.StartsWith('@'))
            writer.WritePropertyName("@" + property.Name);
        else
            writer.WritePropertyName(property.Name);
        if (property.Complex is { } complex)
            WriteValue(writer, complex);
        else if (!property.TryWritePacked(writer))
            WriteScalar(writer, property.Scalar);
    }

    public static void WriteValue(Utf8JsonWriter writer, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(writer, scalar.Value);
                break;
            case SequenceValue sequence:
                writer.WriteStartArray();
                foreach (var element in sequence.Elements)
                    WriteValue(writer, element);
                writer.WriteEndArray();
                break;
            case StructureValue structure:
                writer.WriteStartObject();
                if (structure.TypeTag is { } tag)
                    writer.WriteString(TypeTagName, tag);
                foreach (var member in structure.Properties)
                {
                    writer.WritePropertyName(member.Name);
                    WriteValue(writer, member.Value);
                }
                writer.WriteEndObject();
                break;
            case DictionaryValue dictionary:
                writer.WriteStartObject();
                writer.WriteString(TypeTagName, DictionaryTag);
                foreach (var (key, element) in dictionary.Elements)
                {
                    writer.WritePropertyName(key.Value is IFormattable formattable
                        ? formattable.ToString(null, CultureInfo.InvariantCulture)
                        : Text(key.Value) ?? "null");
                    WriteValue(writer, element);
                }
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(Text(value) ?? "");
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteScalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case double number:
                if (double.IsFinite(number))
                    writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
                else
                    writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case float number:
                if (float.IsFinite(number))
                    writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
                else
                    writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case uint or ulong or decimal or byte or sbyte or short or ushort:
                writer.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case DateTime or DateTimeOffset:
                writer.WriteStringValue(((IFormattable)value).ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case char or TimeSpan:
                writer.WriteStringValue(value.ToString());
                break;
            default:
                writer.WriteStringValue(Text(value) ?? "");
                break;
        }
    }

    /// <summary>A value's text; a <c>ToString</c> that throws gives the placeholder the documents use.</summary>
    static string? Text(object? value)
    {
        try
        {
            return value?.ToString();
        }
        catch (Exception e)
        {
            return Unreadable.Placeholder("ToString()", e);
        }
    }
}
