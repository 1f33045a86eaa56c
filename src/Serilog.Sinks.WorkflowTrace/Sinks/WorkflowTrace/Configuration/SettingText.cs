using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Reads the text of a non-string setting as appsettings.json gives it (every JSON value arrives as a string),
/// so that a value of the wrong kind is refused with the setting's name instead of a bare
/// <see cref="FormatException"/> from inside the configuration reader. Blank text means "not given".
/// </summary>
static class SettingText
{
    public static int Integer(string? text, string setting, int whenAbsent)
    {
        if (string.IsNullOrWhiteSpace(text))
            return whenAbsent;
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SettingException.Invalid(setting, text, "it must be a whole number, such as 1000");
    }

    public static long LongInteger(string? text, string setting, long whenAbsent)
    {
        if (string.IsNullOrWhiteSpace(text))
            return whenAbsent;
        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SettingException.Invalid(setting, text, "it must be a whole number of bytes, such as 1073741824");
    }

    public static bool Boolean(string? text, string setting, bool whenAbsent)
    {
        if (string.IsNullOrWhiteSpace(text))
            return whenAbsent;
        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw SettingException.Invalid(setting, text, "it must be true or false");
    }

    public static TimeSpan? Duration(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SettingException.Invalid(setting, text,
                "it must be a duration written [d.]hh:mm[:ss[.fff]], such as \"00:00:05\" for 5 seconds or \"30.00:00:00\" for 30 days");
    }

    public static TEnum Choice<TEnum>(string? text, string setting, TEnum whenAbsent) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return whenAbsent;
        var trimmed = text.Trim();
        // Only the names: Enum.TryParse would also take any number ("42") as a member.
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<TEnum>(name);
        }
        throw SettingException.Invalid(setting, text, $"it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }
}
