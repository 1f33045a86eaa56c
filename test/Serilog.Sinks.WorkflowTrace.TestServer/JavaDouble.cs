using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Doubles written as Elasticsearch (Java's <c>Double.toString</c>) writes them: <c>3.0</c>, and from 10^7 on in
/// scientific form (<c>1.7040672E12</c>), which is how a <c>min</c> or <c>max</c> of a date arrives.
/// </summary>
internal static class JavaDouble
{
    public static JsonNode Node(double value) => JsonNode.Parse(Format(value))!;

    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0.0";
        }

        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e7)
        {
            var plain = value.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.', StringComparison.Ordinal) || plain.Contains('E', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        // Shortest round-trip digits, then d.dddE±n with at least one fractional digit.
        var scientific = value.ToString("E16", CultureInfo.InvariantCulture);
        var exponent = int.Parse(scientific[(scientific.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        var digits = value.ToString("R", CultureInfo.InvariantCulture).TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        var e = digits.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            digits = digits[..e];
        }

        digits = digits.TrimStart('0').TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var fraction = digits.Length > 1 ? digits[1..] : "0";
        return (value < 0 ? "-" : "") + digits[0] + "." + fraction + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
