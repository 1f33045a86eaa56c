using System.Buffers.Text;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads numbers the way Elasticsearch coerces them into numeric fields: the JSON number's text or a string holding
/// one (<c>"42"</c>), an integer field taking <c>256.0</c> as 256 and truncating a fraction toward zero, a value out
/// of the field's range refused.
/// </summary>
static class SourceNumbers
{
    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> utf8, long min, long max, out long value)
    {
        if (Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length)
            return value >= min && value <= max;

        value = 0;
        if (!TryParseFloat(utf8, out var number))
            return false;
        var truncated = Math.Truncate(number);
        // Compared as doubles: (double)long.MaxValue rounds up to 2^63, itself out of range.
        if (truncated < min || truncated >= (double)max + 1)
            return false;
        value = (long)truncated;
        return value >= min && value <= max;
    }

    /// <summary>A finite floating-point number.</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> utf8, out double value) =>
        Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length && double.IsFinite(value);
}
