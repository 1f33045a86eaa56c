using System.Runtime.CompilerServices;
namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writes <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> digit by digit: a custom <see cref="DateTime"/> format string is
/// parsed on every call, and two dates per document made it one of the costliest steps.
/// </summary>
static class Utf8Dates
{
    public const int Length = 27;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(DateTime utc, Span<byte> destination)
    {
        var year = utc.Year;
        Digits(year / 100, destination);
        Digits(year % 100, destination[2..]);
        destination[4] = (byte)'-';
        Digits(utc.Month, destination[5..]);
        destination[7] = (byte)'-';
        Digits(utc.Day, destination[8..]);
        destination[10] = (byte)'T';
        Digits(utc.Hour, destination[11..]);
        destination[13] = (byte)':';
        Digits(utc.Minute, destination[14..]);
        destination[16] = (byte)':';
        Digits(utc.Second, destination[17..]);
        destination[19] = (byte)'.';
        var microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        Digits(microseconds / 10000, destination[20..]);
        Digits(microseconds / 100 % 100, destination[22..]);
        Digits(microseconds % 100, destination[24..]);
        destination[26] = (byte)'Z';
    }

    static void Digits(int value, Span<byte> destination)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
}
