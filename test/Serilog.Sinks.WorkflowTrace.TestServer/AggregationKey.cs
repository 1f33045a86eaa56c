using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// One value of a field as aggregations see it (doc values): a keyword's text, or a number for numeric, date and
/// boolean fields. Keys order as Elasticsearch orders them: text by its bytes, numbers by value.
/// </summary>
internal sealed record AggregationKey(string? Text, double Number, FieldMapping Field) : IComparable<AggregationKey>
{
    /// <summary>The key as the answer shows it: a string for keywords, a long for integers, dates and booleans, a double for floats.</summary>
    public JsonNode Json() => Field.Type switch
    {
        FieldType.Keyword or FieldType.Ip => JsonValue.Create(Text)!,
        FieldType.Float => JavaDouble.Node(Number),
        _ => JsonValue.Create((long)Number),
    };

    /// <summary><c>key_as_string</c>: dates in their format, booleans as <c>true</c>/<c>false</c>; null for other fields.</summary>
    public string? AsString() => Field.Type switch
    {
        FieldType.Date => FormatDate(Number),
        FieldType.Boolean => Number != 0 ? "true" : "false",
        _ => null,
    };

    public int CompareTo(AggregationKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        return Text is not null && other.Text is not null ? string.CompareOrdinal(Text, other.Text) : Number.CompareTo(other.Number);
    }

    public bool Equals(AggregationKey? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() => Text?.GetHashCode(StringComparison.Ordinal) ?? Number.GetHashCode();

    /// <summary>A date as the default format prints it: <c>2024-01-01T12:00:00.000Z</c>.</summary>
    public static string FormatDate(double millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The distinct values a document has for <paramref name="fieldName"/> (none when unmapped or missing); a
    /// <c>text</c> field is refused as Elasticsearch refuses it (no field data).
    /// </summary>
    public static List<AggregationKey> Of(SearchDocument doc, string fieldName)
    {
        if (SourceValues.Resolve(doc.Index.Mapping, fieldName) is not { } resolved || resolved.Field.Type is FieldType.Object or FieldType.Alias)
        {
            return [];
        }

        var (path, field) = resolved;
        if (field.Type == FieldType.Text)
        {
            throw new EsErrorException(EsErrors.SearchPhaseFailure(doc.Index.ConcreteName, EsErrors.IllegalArgument(
                $"Fielddata is disabled on [{fieldName}] in [{doc.Index.ConcreteName}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [{fieldName}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.")));
        }

        var keys = new List<AggregationKey>();
        foreach (var value in SourceValues.Get(doc.Source, path))
        {
            AggregationKey? key;
            if (field.Type is FieldType.Keyword or FieldType.Ip)
            {
                var text = SourceValues.Text(value);
                key = text.Length <= field.IgnoreAbove ? new AggregationKey(text, 0, field) : null;
            }
            else
            {
                key = SourceValues.Number(field, value) is { } number ? new AggregationKey(null, number, field) : null;
            }

            if (key is not null && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Reads an <c>after</c> value back into a key of <paramref name="field"/>.</summary>
    public static AggregationKey FromJson(JsonNode value, FieldMapping field) =>
        field.Type is FieldType.Keyword or FieldType.Ip
            ? new AggregationKey(SourceValues.Text(value), 0, field)
            : new AggregationKey(null, SourceValues.Number(field, value) ?? throw new EsErrorException(EsErrors.SearchPhaseFailure(null,
                EsErrors.IllegalArgument($"Invalid value for [after], expected a number, got [{SourceValues.Text(value)}]"))), field);
}
