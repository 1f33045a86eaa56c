using System.Globalization;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Elasticsearch's time values (<c>30s</c>, <c>1m</c>, <c>7d</c>, <c>-1</c>) and its messages for bad ones.</summary>
internal static partial class TimeValues
{
    /// <summary>Why <paramref name="text"/> is not a time value for <paramref name="setting"/>, or null when it is one.</summary>
    public static string? Problem(string setting, string text, bool allowMinusOne = true)
    {
        var trimmed = text.Trim();
        if ((allowMinusOne && trimmed is "-1") || trimmed is "0")
        {
            return null;
        }

        var match = TimeValue().Match(trimmed);
        if (!match.Success)
        {
            return $"failed to parse setting [{setting}] with value [{text}] as a time value: unit is missing or unrecognized";
        }

        return match.Groups["sign"].Success
            ? $"failed to parse setting [{setting}] with value [{text}] as a time value: negative durations are not supported"
            : null;
    }

    /// <summary>The duration <paramref name="text"/> stands for, or null when it is not a positive time value.</summary>
    public static TimeSpan? Parse(string text)
    {
        var match = TimeValue().Match(text.Trim());
        if (!match.Success || match.Groups["sign"].Success)
        {
            return null;
        }

        var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "nanos" => TimeSpan.FromTicks((long)(amount / 100)),
            "micros" => TimeSpan.FromTicks((long)(amount * 10)),
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    [GeneratedRegex(@"^(?<sign>-)?(?<n>\d+(\.\d+)?)\s*(?<unit>nanos|micros|ms|s|m|h|d)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeValue();
}
