using System.Globalization;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Whether a string is a date by Elasticsearch's default <c>dynamic_date_formats</c>
/// (<c>strict_date_optional_time</c>, <c>yyyy/MM/dd HH:mm:ss Z||yyyy/MM/dd Z</c>), and date parsing for queries.
/// </summary>
internal static partial class DateDetection
{
    /// <summary>Dynamic mapping: a string becomes a <c>date</c> field when this holds.</summary>
    public static bool IsDynamicDate(string text)
    {
        // Elasticsearch refuses pure numbers: with formats like "yyyy" they would be false positives.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var match = IsoDate().Match(text);
        if (!match.Success)
        {
            match = SlashDate().Match(text);
        }

        return match.Success && InRange(match);
    }

    /// <summary>Milliseconds since the epoch, for comparing and sorting dates.</summary>
    public static double? ToEpochMillis(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return millis;
        }

        var normalized = text.Replace('/', '-');
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value.ToUnixTimeMilliseconds()
            : null;
    }

    private static bool InRange(Match match)
    {
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["M"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return false;
        }

        if (match.Groups["d"].Success)
        {
            var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }
        }

        return Below(match, "H", 24) && Below(match, "m", 60) && Below(match, "s", 60);
    }

    private static bool Below(Match match, string group, int limit) =>
        !match.Groups[group].Success || int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) < limit;

    [GeneratedRegex(@"^(?<y>\d{4})-(?<M>\d{2})(-(?<d>\d{2})(T(?<H>\d{2})(:(?<m>\d{2})(:(?<s>\d{2})([.,]\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<y>\d{4})/(?<M>\d{2})/(?<d>\d{2})( (?<H>\d{2}):(?<m>\d{2}):(?<s>\d{2}))?( ?(Z|[+-]\d{4}))?$")]
    private static partial Regex SlashDate();
}
