using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads this sink's document ids back: a 16-character per-sink prefix (URL-safe base64) and the event's sequence in
/// lower-case hex, assigned in log-call order per sink (see <c>Capture/DocumentIdFactory</c>). Other producers' ids
/// (Python's <c>{run_id}_{datetime}_{thread}</c>, generated ids) do not have that shape.
/// </summary>
static class SinkDocumentId
{
    const int PrefixLength = 16;
    const int MaxSequenceDigits = 16;

    /// <summary>Whether <paramref name="id"/> is one of this sink's ids; its prefix and sequence when it is.</summary>
    public static bool TryParse(string id, out ReadOnlyMemory<char> prefix, out ulong sequence)
    {
        prefix = default;
        sequence = 0;
        if (id.Length <= PrefixLength || id.Length > PrefixLength + MaxSequenceDigits)
            return false;
        for (var i = 0; i < PrefixLength; i++)
        {
            if (!IsBase64Url(id[i]))
                return false;
        }

        var digits = id.AsSpan(PrefixLength);
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return false;
        }

        if (!ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence))
            return false;
        prefix = id.AsMemory(0, PrefixLength);
        return true;
    }

    static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
