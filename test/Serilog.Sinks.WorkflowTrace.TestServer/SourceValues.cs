using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Reading field values out of <c>_source</c> the way the index saw them.</summary>
internal static partial class SourceValues
{
    /// <summary>All non-null values at a full field path; dotted keys and arrays are followed.</summary>
    public static List<JsonNode> Get(JsonNode source, string path)
    {
        var values = new List<JsonNode>();
        Collect(source, path.Split('.'), 0, values);
        return values;
    }

    /// <summary>The field a query path names: itself, the field an alias stands for, or a text field's <c>.keyword</c> sub-field.</summary>
    public static (string SourcePath, FieldMapping Field)? Resolve(IndexMapping mapping, string path)
    {
        if (mapping.Get(path) is { Type: FieldType.Alias, Path: { } target } && mapping.Get(target) is { } aliased)
        {
            return (target, aliased);
        }

        if (mapping.Get(path) is { } field)
        {
            return (path, field);
        }

        if (path.EndsWith(".keyword", StringComparison.Ordinal)
            && mapping.Get(path[..^".keyword".Length]) is { Type: FieldType.Text, KeywordSubfield: true })
        {
            return (path[..^".keyword".Length], new FieldMapping(FieldType.Keyword, "keyword") { IgnoreAbove = 256 });
        }

        return null;
    }

    /// <summary>A scalar as text: strings unquoted, numbers and booleans as written.</summary>
    public static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>The standard analyzer, roughly: lower-cased runs of letters and digits.</summary>
    public static IEnumerable<string> Tokens(string text) =>
        TokenPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    /// <summary>A value as a number for numeric and date fields, or null.</summary>
    public static double? Number(FieldMapping field, JsonNode value)
    {
        var text = Text(value);
        if (field.Type == FieldType.Date)
        {
            return DateDetection.ToEpochMillis(text);
        }

        if (field.Type == FieldType.Boolean)
        {
            return text == "true" ? 1 : text == "false" ? 0 : null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        // Integer fields keep the truncated value.
        return field.Type == FieldType.Long ? Math.Truncate(number) : number;
    }

    /// <summary>Whether the field orders and compares as numbers rather than strings.</summary>
    public static bool IsNumeric(FieldMapping field) =>
        field.Type is FieldType.Long or FieldType.Float or FieldType.Date or FieldType.Boolean;

    private static void Collect(JsonNode? node, string[] parts, int index, List<JsonNode> values)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Collect(element, parts, index, values);
            }

            return;
        }

        if (node is null)
        {
            return;
        }

        if (index == parts.Length)
        {
            values.Add(node);
            return;
        }

        if (node is JsonObject obj)
        {
            // "a.b.c" may be stored as {"a":{"b":{"c":..}}}, {"a.b":{"c":..}}, {"a.b.c":..} and so on.
            for (var end = index + 1; end <= parts.Length; end++)
            {
                if (obj.TryGetPropertyValue(string.Join('.', parts[index..end]), out var child))
                {
                    Collect(child, parts, end, values);
                }
            }
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenPattern();
}
