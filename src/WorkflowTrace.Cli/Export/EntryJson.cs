using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Export;

/// <summary>Writes values of <see cref="EntryFields"/> with a <see cref="Utf8JsonWriter"/>: raw JSON as stored, numbers as numbers.</summary>
static class EntryJson
{
    /// <summary>
    /// One entry as one JSON object: <c>_id</c> and <c>_index</c> (Elasticsearch's names for where it is stored), then
    /// its stored fields under the contract's snake_case names.
    /// </summary>
    public static void WriteEntry(Utf8JsonWriter writer, TraceEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("_id", entry.Id);
        if (entry.Index is { } index)
            writer.WriteString("_index", index);
        foreach (var field in EntryFields.Of(entry))
        {
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field.Value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a field's value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case IReadOnlyList<string> items:
                writer.WriteStartArray();
                foreach (var item in items)
                    writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            case EntryFields.RawJson raw:
                writer.WriteRawValue(raw.Json, skipInputValidation: false);
                break;
            default:
                throw new InvalidOperationException($"No JSON form for a {value.GetType().Name}.");
        }
    }
}
