using System.Globalization;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Elasticsearch's date math in range bounds: an anchor (<c>now</c>, or a date followed by <c>||</c>), then any of
/// <c>+1h</c>, <c>-30s</c>, <c>/d</c> (units <c>y M w d h H m s</c>). Rounding (<c>/unit</c>) goes down for
/// <c>gte</c> and <c>lt</c>, and up to the unit's last millisecond for <c>gt</c> and <c>lte</c>, as Elasticsearch does.
/// </summary>
internal static partial class DateMath
{
    /// <summary>Whether the bound is date math rather than a plain date.</summary>
    public static bool IsMath(string text) => text.StartsWith("now", StringComparison.Ordinal) || text.Contains("||", StringComparison.Ordinal);

    /// <summary>The bound in epoch milliseconds.</summary>
    public static double Resolve(string text, bool roundUp, DateTimeOffset now)
    {
        string expression;
        DateTimeOffset time;
        if (text.StartsWith("now", StringComparison.Ordinal))
        {
            time = now;
            expression = text[3..];
        }
        else
        {
            var split = text.IndexOf("||", StringComparison.Ordinal);
            time = DateDetection.ToEpochMillis(text[..split]) is { } millis
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)millis)
                : throw Failure(text, $"failed to parse date field [{text[..split]}]");
            expression = text[(split + 2)..];
        }

        var position = 0;
        foreach (Match op in Operation().Matches(expression))
        {
            if (op.Index != position)
            {
                break;
            }

            position += op.Length;
            var unit = op.Groups["unit"].Value;
            if (op.Groups["op"].Value == "/")
            {
                if (op.Groups["n"].Value is { Length: > 0 } and not "1")
                {
                    throw Failure(text, $"rounding `/` can only be used on single unit types [{expression}]");
                }

                time = Round(time, unit, roundUp);
                continue;
            }

            // Elasticsearch reads the amount with Integer.parseInt: more than 2^31-1 units is refused.
            var digits = op.Groups["n"].Value is { Length: > 0 } n ? n : "1";
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(null, new EsError(400, "parse_exception",
                    $"failed to parse date field [{text}] with format [strict_date_optional_time||epoch_millis]")
                {
                    CausedBy = EsErrors.Cause("number_format_exception", $"For input string: \"{digits}\""),
                }));
            }

            var amount = (op.Groups["op"].Value == "-" ? -1 : 1) * count;
            time = unit switch
            {
                "y" => time.AddYears(amount),
                "M" => time.AddMonths(amount),
                "w" => time.AddDays(7 * amount),
                "d" => time.AddDays(amount),
                "h" or "H" => time.AddHours(amount),
                "m" => time.AddMinutes(amount),
                _ => time.AddSeconds(amount),
            };
        }

        if (position != expression.Length)
        {
            throw Failure(text, $"operator not supported for date math [{expression[position..]}]");
        }

        return time.ToUnixTimeMilliseconds();
    }

    private static DateTimeOffset Round(DateTimeOffset time, string unit, bool up)
    {
        var t = time.UtcDateTime;
        var start = unit switch
        {
            "y" => new DateTime(t.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            "M" => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            "w" => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
            "d" => t.Date,
            "h" or "H" => t.Date.AddHours(t.Hour),
            "m" => t.Date.AddHours(t.Hour).AddMinutes(t.Minute),
            _ => t.Date.AddHours(t.Hour).AddMinutes(t.Minute).AddSeconds(t.Second),
        };
        if (!up)
        {
            return new DateTimeOffset(start);
        }

        var next = unit switch
        {
            "y" => start.AddYears(1),
            "M" => start.AddMonths(1),
            "w" => start.AddDays(7),
            "d" => start.AddDays(1),
            "h" or "H" => start.AddHours(1),
            "m" => start.AddMinutes(1),
            _ => start.AddSeconds(1),
        };
        return new DateTimeOffset(next.AddMilliseconds(-1));
    }

    private static EsErrorException Failure(string text, string reason) =>
        new(EsErrors.SearchPhaseFailure(null, new EsError(400, "parse_exception",
            $"failed to parse date field [{text}] with format [strict_date_optional_time||epoch_millis]: [{reason}]")));

    [GeneratedRegex(@"(?<op>[+\-/])(?<n>\d*)(?<unit>[yMwdhHms])")]
    private static partial Regex Operation();
}
