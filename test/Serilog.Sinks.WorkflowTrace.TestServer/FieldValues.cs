using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
            FieldType.Date => DateRejection(field, token, text),
            FieldType.Ip => IpRejection(token, text),
            _ => null,
        };
    }

    // A JSON number is parsed from its text like a string, so only formats that read digits (epoch_millis) take it.
    private static EsError? DateRejection(FieldMapping field, JsonTokenType token, string text)
    {
        if (token is JsonTokenType.String or JsonTokenType.Number && field.DateFormat.Accepts(text))
        {
            return null;
        }

        var cause = Cause($"failed to parse date field [{text}] with format [{field.DateFormat.Text}]");
        return new EsError(400, cause.Type, cause.Reason)
        {
            FromElasticsearch = false,
            CausedBy = EsErrors.Cause("date_time_parse_exception", field.DateFormat.Text.Contains("||", StringComparison.Ordinal)
                ? "Failed to parse with all enclosed parsers"
                : $"Text '{text}' could not be parsed at index 0"),
        };
    }

    // Elasticsearch's InetAddresses accepts dotted quads (no leading zeros) and IPv6 without scope or brackets.
    private static EsError? IpRejection(JsonTokenType token, string text)
    {
        var valid = token is JsonTokenType.String or JsonTokenType.Number && text.Contains(':')
            ? !text.Contains('%') && !text.Contains('[') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
            : IsDottedQuad(text);
        return valid ? null : Cause($"'{text}' is not an IP string literal.");
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    private static EsError? IntegerRejection(string typeName, JsonTokenType token, string text)
    {
        // Coercion: numeric strings are accepted and fractions truncated, as Elasticsearch does by default.
        if (!TryReadNumber(token, text, out var value, out var rejection))
        {
            return rejection;
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
        if (!TryReadNumber(token, text, out var value, out var rejection))
        {
            return rejection;
        }

        var finite = typeName == "double" ? double.IsFinite(value) : float.IsFinite((float)value);
        return finite ? null : Cause($"[{typeName}] supports only finite values, but got [{(value > 0 ? "Infinity" : "-Infinity")}]");
    }

    /// <summary>
    /// What integer and floating-point fields share: booleans are refused, an empty string means no value
    /// (false with no rejection), anything else must parse as a number.
    /// </summary>
    private static bool TryReadNumber(JsonTokenType token, string text, out double value, out EsError? rejection)
    {
        value = 0;
        rejection = null;
        if (token is JsonTokenType.True or JsonTokenType.False)
        {
            rejection = NotNumeric(token);
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 && token == JsonTokenType.String)
        {
            return false;
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            rejection = Cause($"For input string: \"{text}\"", "number_format_exception");
            return false;
        }

        return true;
    }

    private static EsError NotNumeric(JsonTokenType token) =>
        EsErrors.Cause("x_content_parse_exception",
            $"Current token ({(token == JsonTokenType.True ? "VALUE_TRUE" : "VALUE_FALSE")}) not numeric, can not use numeric value accessors");

    private static EsError Cause(string reason, string type = "illegal_argument_exception") => EsErrors.Cause(type, reason);
}
