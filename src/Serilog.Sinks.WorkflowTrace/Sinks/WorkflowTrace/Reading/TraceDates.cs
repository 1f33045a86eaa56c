using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads a stored <c>date</c> as Elasticsearch's default format (<c>strict_date_optional_time||epoch_millis</c>)
/// does: ISO-8601 with or without fraction and zone — none means UTC, as the Python producer's
/// <c>2024-01-01T12:00:00</c> is meant — or milliseconds since the epoch. The usual form is read from the bytes
/// without a string; anything else falls back to the invariant culture's parser, still assuming UTC.
/// </summary>
static class TraceDates
{
    /// <summary>Reads <paramref name="utf8"/> (a JSON string's content, or a JSON number's text).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        if (TryParseIso(utf8, out value))
            return true;
        if (TryParseEpochMillis(utf8, out value))
            return true;
        if (utf8.IsEmpty || utf8.Length > 64)
            return false;
        return DateTimeOffset.TryParse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>Milliseconds since the epoch, as Elasticsearch reads a number (or a string of digits) in a date field.</summary>
    public static bool TryParseEpochMillis(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        if (!Utf8Parser.TryParse(utf8, out long millis, out var consumed) || consumed != utf8.Length
            || millis < MinEpochMillis || millis > MaxEpochMillis)
            return false;
        value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        return true;
    }

    static readonly long MinEpochMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    static readonly long MaxEpochMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary><c>yyyy-MM-dd</c>, optionally <c>THH:mm[:ss[.f…]]</c> (or a space for T), optionally <c>Z</c> or <c>±HH[:]mm</c>.</summary>
    static bool TryParseIso(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;

        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        var at = 10;
        if (at < s.Length && (s[at] == 'T' || s[at] == 't' || s[at] == ' '))
        {
            if (s.Length < at + 6 || s[at + 3] != ':' || !Digits(s, at + 1, 2, out hour) || !Digits(s, at + 4, 2, out minute))
                return false;
            at += 6;
            if (at < s.Length && s[at] == ':')
            {
                if (!Digits(s, at + 1, 2, out second))
                    return false;
                at += 3;
                if (at < s.Length && (s[at] == '.' || s[at] == ','))
                {
                    at++;
                    var start = at;
                    long scale = TimeSpan.TicksPerSecond;
                    while (at < s.Length && IsDigit(s[at]))
                    {
                        // Beyond ticks (100 ns), digits are read and dropped: date_nanos stores nine.
                        if (scale > 1)
                        {
                            scale /= 10;
                            fractionTicks += (s[at] - '0') * scale;
                        }
                        at++;
                    }
                    if (at == start)
                        return false;
                }
            }
            if (hour > 23 || minute > 59 || second > 59)
                return false;
        }

        var offset = TimeSpan.Zero;
        if (at < s.Length)
        {
            if (s[at] is (byte)'Z' or (byte)'z' && at + 1 == s.Length)
            {
                at++;
            }
            else if (s[at] is (byte)'+' or (byte)'-')
            {
                var sign = s[at] == '-' ? -1 : 1;
                if (!Digits(s, at + 1, 2, out var offsetHours))
                    return false;
                at += 3;
                var offsetMinutes = 0;
                if (at < s.Length)
                {
                    if (s[at] == ':')
                        at++;
                    if (!Digits(s, at, 2, out offsetMinutes))
                        return false;
                    at += 2;
                }
                if (offsetHours > 14 || offsetMinutes > 59)
                    return false;
                offset = new TimeSpan(sign * offsetHours, sign * offsetMinutes, 0);
            }
            if (at != s.Length)
                return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(ticks, offset);
        return true;
    }

    static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
                return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
