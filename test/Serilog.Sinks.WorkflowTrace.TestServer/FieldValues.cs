using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Which JSON values a mapped field accepts, with Elasticsearch's default coercion.</summary>
internal static class FieldValues
{
    /// <summary>The cause Elasticsearch gives for refusing the current scalar, or null when the field accepts it.</summary>
    public static EsError? Rejection(FieldMapping field, ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        var text = token == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
        return field.Type switch
        {
            FieldType.Long => IntegerRejection(field.TypeName, token, text),
            FieldType.Float => FloatRejection(field.TypeName, token, text),
            FieldType.Boolean => token is JsonTokenType.True or JsonTokenType.False || text is "true" or "false" or ""
                ? null
                : Cause($"Failed to parse value [{text}] as only [true] or [false] are allowed."),
            FieldType.Date => token == JsonTokenType.Number || (token == JsonTokenType.String && (text.Length == 0 || DateDetection.IsAcceptedDate(text)))
                ? null
                : Cause($"failed to parse date field [{text}] with format [strict_date_optional_time||epoch_millis]"),
            _ => null,
        };
    }

    private static EsError? IntegerRejection(string typeName, JsonTokenType token, string text)
    {
        if (token is JsonTokenType.True or JsonTokenType.False)
        {
            return NotNumeric(token);
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 && token == JsonTokenType.String)
        {
            return null;
        }

        // Coercion: numeric strings are accepted and fractions truncated, as Elasticsearch does by default.
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Cause($"For input string: \"{text}\"", "number_format_exception");
        }

        var (min, max, article) = typeName switch
        {
            "integer" => ((double)int.MinValue, (double)int.MaxValue, "an integer"),
            "short" => (short.MinValue, short.MaxValue, "a short"),
            "byte" => (sbyte.MinValue, sbyte.MaxValue, "a byte"),
            "unsigned_long" => (0d, 18446744073709551615d, "an unsigned_long"),
            _ => (long.MinValue, long.MaxValue, "a long"),
        };
        return value < min || value > max ? Cause($"Value [{text}] is out of range for {article}") : null;
    }

    private static EsError? FloatRejection(string typeName, JsonTokenType token, string text)
    {
        if (token is JsonTokenType.True or JsonTokenType.False)
        {
            return NotNumeric(token);
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 && token == JsonTokenType.String)
        {
            return null;
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Cause($"For input string: \"{text}\"", "number_format_exception");
        }

        var finite = typeName == "double" ? double.IsFinite(value) : float.IsFinite((float)value);
        return finite ? null : Cause($"[{typeName}] supports only finite values, but got [{(value > 0 ? "Infinity" : "-Infinity")}]");
    }

    private static EsError NotNumeric(JsonTokenType token) =>
        EsErrors.Cause("x_content_parse_exception",
            $"Current token ({(token == JsonTokenType.True ? "VALUE_TRUE" : "VALUE_FALSE")}) not numeric, can not use numeric value accessors");

    private static EsError Cause(string reason, string type = "illegal_argument_exception") => EsErrors.Cause(type, reason);
}
