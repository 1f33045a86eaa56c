using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// A point in time given on the command line (<c>--since</c>, <c>--until</c>, <c>--older-than</c>): either absolute
/// — an ISO 8601 date or date and time (<c>2026-12-05</c>, <c>2026-12-05T09:30:00Z</c>, <c>2026-12-05 09:30+01:00</c>;
/// without an offset it is UTC) — or relative to now, a number and a unit: <c>90s</c>, <c>30m</c>, <c>24h</c>,
/// <c>7d</c>, <c>2w</c> (an optional <c>ago</c>, <c>-</c> or space is allowed: <c>7d ago</c>, <c>-24h</c>).
/// Also <see cref="ParseDuration"/> for a bare duration (<c>--until-idle 30s</c>).
/// </summary>
static partial class TimeArgument
{
    /// <summary>What the accepted forms look like, for error messages and help.</summary>
    public const string Forms = "an ISO time such as 2026-12-05T09:30:00Z or 2026-12-05, or a time ago such as 30m, 24h, 7d, 2w";

    [GeneratedRegex(@"^\s*-?\s*(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)\s*(ago)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Relative();

    /// <summary>
    /// Parses <paramref name="text"/> into a UTC time; relative forms count back from <paramref name="now"/>.
    /// <paramref name="option"/> names the flag in the error (e.g. <c>--since</c>).
    /// </summary>
    /// <exception cref="FormatException">Neither form; the message names the option, the value and the accepted forms.</exception>
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string option = "time")
    {
        if (TryParse(text, now, out var value)) return value;
        throw new FormatException($"{option}: '{text}' is not a time: use {Forms}.");
    }

    /// <summary>Parses like <see cref="Parse"/>; false instead of an exception.</summary>
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (TryParseDuration(text, out var ago))
        {
            value = (now - ago).ToUniversalTime();
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var absolute))
        {
            value = absolute.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>Parses a duration such as <c>30s</c>, <c>5m</c>, <c>24h</c>, <c>7d</c>, or <c>hh:mm:ss</c>.</summary>
    /// <exception cref="FormatException">Not a duration; the message names the option and the value.</exception>
    public static TimeSpan ParseDuration(string text, string option = "duration")
    {
        if (TryParseDuration(text, out var value)) return value;
        throw new FormatException($"{option}: '{text}' is not a duration: use e.g. 500ms, 30s, 5m, 24h, 7d or hh:mm:ss.");
    }

    /// <summary>Parses like <see cref="ParseDuration"/>; false instead of an exception.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Relative().Match(text);
        if (match.Success)
        {
            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var span = unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" or "sec" or "secs" => TimeSpan.FromSeconds(n),
                "m" or "min" or "mins" => TimeSpan.FromMinutes(n),
                "h" or "hr" or "hrs" => TimeSpan.FromHours(n),
                "d" or "day" or "days" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
            value = span;
            return true;
        }

        if (text.Contains(':') && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var clock) && clock >= TimeSpan.Zero)
        {
            value = clock;
            return true;
        }

        return false;
    }
}
