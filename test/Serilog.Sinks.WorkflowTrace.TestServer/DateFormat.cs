using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// A <c>date</c> field's <c>format</c>: alternatives separated by <c>||</c>, each a built-in name
/// (<c>strict_date_optional_time</c>, <c>epoch_millis</c>, ...) or a Java <c>DateTimeFormatter</c> pattern such as
/// <c>EEE MMM dd HH:mm:ss Z yyyy</c>. A value is accepted when one alternative parses it.
/// </summary>
internal sealed partial class DateFormat
{
    private static readonly string[] ShortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] LongMonths = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] ShortDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] LongDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly Dictionary<string, string> NamedPatterns = new(StringComparer.Ordinal)
    {
        ["strict_date"] = "yyyy-MM-dd",
        ["date"] = "yyyy-MM-dd",
        ["strict_year_month_day"] = "yyyy-MM-dd",
        ["year_month_day"] = "yyyy-MM-dd",
        ["strict_year_month"] = "yyyy-MM",
        ["year_month"] = "yyyy-MM",
        ["strict_year"] = "yyyy",
        ["year"] = "yyyy",
        ["strict_hour_minute_second"] = "HH:mm:ss",
        ["hour_minute_second"] = "HH:mm:ss",
        ["strict_date_hour_minute_second"] = "yyyy-MM-dd'T'HH:mm:ss",
        ["date_hour_minute_second"] = "yyyy-MM-dd'T'HH:mm:ss",
        ["strict_date_hour_minute_second_millis"] = "yyyy-MM-dd'T'HH:mm:ss.SSS",
        ["date_hour_minute_second_millis"] = "yyyy-MM-dd'T'HH:mm:ss.SSS",
        ["strict_date_time"] = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
        ["date_time"] = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
        ["strict_date_time_no_millis"] = "yyyy-MM-dd'T'HH:mm:ssXXX",
        ["date_time_no_millis"] = "yyyy-MM-dd'T'HH:mm:ssXXX",
        ["basic_date"] = "yyyyMMdd",
        ["basic_date_time"] = "yyyyMMdd'T'HHmmss.SSSX",
        ["basic_date_time_no_millis"] = "yyyyMMdd'T'HHmmssX",
    };

    private readonly List<Func<string, bool>> _alternatives;

    private DateFormat(string text, List<Func<string, bool>> alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    /// <summary>Elasticsearch's default for <c>date</c> fields.</summary>
    public static DateFormat Default { get; } = Parse("strict_date_optional_time||epoch_millis");

    /// <summary>The format as written in the mapping.</summary>
    public string Text { get; }

    public bool IsDefault => Text == Default.Text;

    /// <summary>Whether the value (a string, or a JSON number's text) parses with one of the alternatives.</summary>
    public bool Accepts(string value) => _alternatives.Any(accepts => accepts(value));

    /// <summary>Reads a <c>format</c>; a pattern Java would refuse is a mapping error, one the fake cannot follow is unsupported.</summary>
    public static DateFormat Parse(string format)
    {
        var alternatives = new List<Func<string, bool>>();
        foreach (var alternative in format.Split("||"))
        {
            alternatives.Add(alternative switch
            {
                "strict_date_optional_time" or "date_optional_time" or "strict_date_optional_time_nanos" or "iso8601" => IsOptionalTime,
                "epoch_millis" or "epoch_second" => text => Epoch().IsMatch(text),
                _ when NamedPatterns.TryGetValue(alternative, out var pattern) => Compile(format, pattern),
                _ when alternative.Contains('_', StringComparison.Ordinal) && alternative.All(c => char.IsAsciiLetterLower(c) || c == '_') =>
                    throw new EsErrorException(EsErrors.Unsupported($"the date format [{alternative}]")),
                _ => Compile(format, alternative),
            });
        }

        return new DateFormat(format, alternatives);
    }

    // strict_date_optional_time: yyyy[-MM[-dd['T'HH[:mm[:ss[.S{1,9}]]][zone]]]].
    private static bool IsOptionalTime(string text) =>
        OptionalTime().Match(text) is { Success: true } match && ValidFields(match, "y", "M", "d", "H", "m", "s");

    private static Func<string, bool> Compile(string format, string pattern)
    {
        var regex = new StringBuilder("^");
        var groups = new List<(char Letter, int Count, string Name)>();
        var optionalDepth = 0;
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw InvalidFormat(format, $"Pattern ends with an incomplete string literal: {pattern}");
                }

                regex.Append(end == i + 1 ? "'" : Regex.Escape(pattern[(i + 1)..end]));
                i = end + 1;
                continue;
            }

            if (c == '[')
            {
                optionalDepth++;
                regex.Append("(?:");
                i++;
                continue;
            }

            if (c == ']')
            {
                if (optionalDepth-- == 0)
                {
                    throw InvalidFormat(format, $"Pattern invalid as it contains ] without previous [: {pattern}");
                }

                regex.Append(")?");
                i++;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                regex.Append(Regex.Escape(c.ToString()));
                i++;
                continue;
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            var name = "g" + groups.Count.ToString(CultureInfo.InvariantCulture);
            groups.Add((c, count, name));
            regex.Append("(?<").Append(name).Append('>').Append(Token(format, c, count)).Append(')');
            i += count;
        }

        regex.Append('$');
        var compiled = new Regex(regex.ToString(), RegexOptions.CultureInvariant);
        return text => compiled.Match(text) is { Success: true } match && Valid(match, groups);
    }

    private static string Token(string format, char letter, int count) => letter switch
    {
        'y' or 'u' => count == 2 ? @"\d{2}" : count < 4 ? @"\d{1,9}" : $@"\d{{{count},9}}",
        'M' or 'L' => count switch
        {
            1 => @"\d{1,2}",
            2 => @"\d{2}",
            3 => string.Join('|', ShortMonths),
            _ => string.Join('|', LongMonths),
        },
        'd' or 'H' or 'h' or 'k' or 'K' or 'm' or 's' => count == 1 ? @"\d{1,2}" : @"\d{2}",
        'D' => count == 1 ? @"\d{1,3}" : $@"\d{{{count},3}}",
        'S' => $@"\d{{{count}}}",
        'E' => count <= 3 ? string.Join('|', ShortDays) : string.Join('|', LongDays),
        'a' => "AM|PM",
        'Z' when count <= 3 => @"[+-]\d{4}",
        'Z' when count == 5 => @"Z|[+-]\d{2}:\d{2}",
        'X' => count switch { 1 => @"Z|[+-]\d{2}(?:\d{2})?", 2 => @"Z|[+-]\d{4}", _ => @"Z|[+-]\d{2}:\d{2}" },
        'x' => count switch { 1 => @"[+-]\d{2}(?:\d{2})?", 2 => @"[+-]\d{4}", _ => @"[+-]\d{2}:\d{2}" },
        'G' or 'z' or 'V' or 'O' or 'Q' or 'q' or 'w' or 'W' or 'Y' or 'e' or 'c' or 'F' or 'B' or 'n' or 'N' or 'A' or 'v' or 'Z' =>
            throw new EsErrorException(EsErrors.Unsupported($"the date pattern letter [{letter}] (format [{format}])")),
        _ => throw InvalidFormat(format, $"Unknown pattern letter: {letter}"),
    };

    private static bool Valid(Match match, List<(char Letter, int Count, string Name)> groups)
    {
        int? Value(params char[] letters)
        {
            foreach (var (letter, count, name) in groups)
            {
                if (letters.Contains(letter) && match.Groups[name].Success)
                {
                    var text = match.Groups[name].Value;
                    if (letter is 'M' or 'L' && count >= 3)
                    {
                        return Array.IndexOf(count == 3 ? ShortMonths : LongMonths, text) + 1;
                    }

                    return int.Parse(text, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        var year = Value('y', 'u');
        var month = Value('M', 'L');
        var day = Value('d');
        if (month is < 1 or > 12 || Value('H') is > 23 || Value('h') is < 1 or > 12 || Value('m') is > 59 || Value('s') is > 59)
        {
            return false;
        }

        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(Math.Clamp(year ?? 2000, 1, 9999), month ?? 1)))
        {
            return false;
        }

        // java.time cross-checks a day-of-week against the date it names.
        var dayName = groups.FirstOrDefault(g => g.Letter == 'E' && match.Groups[g.Name].Success);
        if (dayName.Name is not null && year is >= 1 and <= 9999 && month is not null && day is not null)
        {
            var names = dayName.Count <= 3 ? ShortDays : LongDays;
            var expected = (int)new DateTime(year.Value, month.Value, day.Value).DayOfWeek;
            return Array.IndexOf(names, match.Groups[dayName.Name].Value) == (expected + 6) % 7;
        }

        return true;
    }

    private static bool ValidFields(Match match, string y, string month, string day, string hour, string minute, string second)
    {
        int? Value(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;

        var year = Value(y)!.Value;
        var m = Value(month);
        if (m is < 1 or > 12 || Value(hour) is > 23 || Value(minute) is > 59 || Value(second) is > 59)
        {
            return false;
        }

        return Value(day) is not { } d || (year >= 1 && d >= 1 && d <= DateTime.DaysInMonth(year, m!.Value));
    }

    private static EsErrorException InvalidFormat(string format, string reason) =>
        new(new EsError(400, "mapper_parsing_exception", $"Invalid format: [{format}]: {reason}"));

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<M>\d{2})(-(?<d>\d{2})(T(?<H>\d{2})(:(?<m>\d{2})(:(?<s>\d{2})([.,]\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?)?$")]
    private static partial Regex OptionalTime();

    [GeneratedRegex(@"^-?\d+(\.\d{1,6})?$")]
    private static partial Regex Epoch();
}
