using System.Text.Json;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// A CLEF property's JSON value back as a Serilog value, as Serilog.Formatting.Compact wrote it: scalars (an integer
/// as a long, another number as a double), arrays as sequences, objects as structures (<c>$type</c> as the type tag).
/// </summary>
static class ClefValues
{
    public static LogEventPropertyValue ToValue(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => new ScalarValue(json.GetString()),
        JsonValueKind.Number => new ScalarValue(json.TryGetInt64(out var integer) ? (object)integer : json.GetDouble()),
        JsonValueKind.True => new ScalarValue(true),
        JsonValueKind.False => new ScalarValue(false),
        JsonValueKind.Null => new ScalarValue(null),
        JsonValueKind.Array => new SequenceValue(json.EnumerateArray().Select(ToValue).ToList()),
        JsonValueKind.Object => IsDictionary(json) ? ToDictionary(json) : ToStructure(json),
        _ => new ScalarValue(json.GetRawText()),
    };

    /// <summary>An object the durable buffer wrote for a dictionary (<see cref="ClefValueWriter.DictionaryTag"/>).</summary>
    static bool IsDictionary(JsonElement json) =>
        json.TryGetProperty(ClefValueWriter.TypeTagName, out var tag) && tag.ValueKind == JsonValueKind.String
        && tag.ValueEquals(ClefValueWriter.DictionaryTag);

    static DictionaryValue ToDictionary(JsonElement json) => new(json.EnumerateObject()
        .Where(member => member.Name != ClefValueWriter.TypeTagName)
        .Select(member => new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue(member.Name), ToValue(member.Value))));

    static StructureValue ToStructure(JsonElement json)
    {
        string? typeTag = null;
        var properties = new List<LogEventProperty>();
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name == "$type" && property.Value.ValueKind == JsonValueKind.String)
                typeTag = property.Value.GetString();
            else if (IsValidName(property.Name))
                properties.Add(new LogEventProperty(property.Name, ToValue(property.Value)));
        }
        return new StructureValue(properties, typeTag);
    }

    /// <summary>Serilog refuses empty or blank property names.</summary>
    public static bool IsValidName(string name) => !string.IsNullOrWhiteSpace(name);
}
