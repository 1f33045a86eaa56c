using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>Strings made from raw JSON bytes, never throwing: invalid UTF-8 becomes U+FFFD, as a lenient reader should.</summary>
static class JsonText
{
    /// <summary>The text of <paramref name="utf8"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);

    /// <summary>At most <paramref name="maxBytes"/> bytes of <paramref name="utf8"/>, cut on a character boundary, "…" marking a cut.</summary>
    public static string Excerpt(ReadOnlySpan<byte> utf8, int maxBytes)
    {
        if (utf8.Length <= maxBytes)
            return Decode(utf8);
        var end = maxBytes;
        // Back off continuation bytes (10xxxxxx) so a character is not split.
        while (end > 0 && (utf8[end] & 0xC0) == 0x80)
            end--;
        return Decode(utf8[..end]) + "…";
    }
}
