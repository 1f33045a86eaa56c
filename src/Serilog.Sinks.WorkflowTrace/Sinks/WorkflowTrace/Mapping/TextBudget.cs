using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Makes a document fit its size limit by cutting its longest texts as they are written, rather than writing the
/// whole document and parsing and rewriting it after. Every text over <see cref="LongText"/> characters is written
/// through here, at most <see cref="_cap"/> UTF-8 bytes of it; the cap is shared fairly (the shorter texts whole,
/// the longer ones cut to the same length) so that the texts together fit what the rest of the document leaves. The
/// first write chooses the cap from the lengths known beforehand (the event's string properties); when that write
/// still comes out too large, <see cref="TryShrink"/> chooses a smaller one from what it measured, and the document
/// is written again — each time at most about the limit, never the whole value. Used from the batch thread only.
/// </summary>
sealed class TextBudget
{
    /// <summary>Texts up to this many characters are written whole: alone, they never make a document too large.</summary>
    public const int LongText = 1024;

    /// <summary>Room kept for the rest of the document's members and the list of cut fields.</summary>
    const int Overhead = 2048;

    /// <summary>Bytes of the list of cut fields per name, beyond the name itself.</summary>
    const int PerName = 8;

    int _limit = int.MaxValue;
    int _cap = int.MaxValue;
    bool _capChosen;
    // The texts expected before the first write (lengths in characters) and, per write, each long text's full UTF-8
    // size (estimated for a text rendered only in part), and what the long texts kept took as UTF-8 and as written
    // (escaped: JSON escapes control characters, and the encoder characters outside the basic plane).
    readonly List<long> _expected = [];
    readonly List<long> _sizes = [];
    long _writtenLong, _keptUtf8;
    readonly List<string> _cut = [];

    /// <summary>The field being written, for the list of cut fields: a top-level name, or a member of metadata.</summary>
    public string? Field { get; set; }

    /// <summary>Whether <see cref="Field"/> is a member of <c>metadata</c>.</summary>
    public bool InMetadata { get; set; }

    /// <summary>The fields cut by the last write, in document order.</summary>
    public IReadOnlyList<string> Cut => _cut;

    /// <summary>Sets the limit for the writes of the next document (<see cref="int.MaxValue"/>: none).</summary>
    public void Limit(int maxBytes)
    {
        _limit = maxBytes;
        _cap = maxBytes;
        _capChosen = false;
        _expected.Clear();
    }

    /// <summary>Starts one write of the document.</summary>
    public void BeginWrite()
    {
        _sizes.Clear();
        _cut.Clear();
        _writtenLong = 0;
        _keptUtf8 = 0;
        Field = null;
        InMetadata = false;
    }

    /// <summary>Before the first write: a long text of <paramref name="chars"/> characters the document will hold.</summary>
    public void Expect(int chars)
    {
        if (!_capChosen)
            _expected.Add(chars);
    }

    /// <summary>Before the first write, once the expected texts are known: chooses the first cap from them.</summary>
    public void ChooseFirstCap()
    {
        if (_capChosen)
            return;
        _capChosen = true;
        if (_expected.Count == 0 || _limit == int.MaxValue)
            return;
        // Each character is at least one byte: a fair share of the limit by length is the least the texts need.
        _cap = (int)Math.Min(_limit, Share(_expected, _limit - Overhead - _expected.Count * 64L));
    }

    /// <summary>The most characters of a text worth rendering: more could never be written.</summary>
    public int MaxChars => Math.Min(_cap, _limit);

    /// <summary>
    /// Writes <paramref name="text"/> (which may itself already be the first part of a text of
    /// <paramref name="fullChars"/> characters) as a JSON string value of at most the cap.
    /// </summary>
    public void WriteLong(Utf8JsonWriter writer, ReadOnlySpan<char> text, long fullChars)
    {
        var allowed = Math.Min(_cap, _limit);
        var utf8 = Encoding.UTF8.GetByteCount(text);
        var keep = text;
        var keptUtf8 = utf8;
        if (utf8 > allowed)
        {
            keep = Prefix(text, allowed, utf8, out keptUtf8);
        }

        var start = writer.BytesCommitted + writer.BytesPending;
        WriteValue(writer, SafeText.NeedsRepair(keep) ? SafeText.Repair(keep) : keep);
        _writtenLong += writer.BytesCommitted + writer.BytesPending - start;
        _keptUtf8 += keptUtf8;
        _sizes.Add(fullChars == text.Length ? utf8 : (long)((double)utf8 * fullChars / Math.Max(1, text.Length)));
        if (keep.Length < fullChars)
            NoteCut();
    }

    /// <summary>Characters per piece of a long value written in pieces.</summary>
    const int Segment = 16 * 1024;

    static void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<char> text)
    {
#if NET10_0_OR_GREATER
        // In pieces: the writer asks its buffer for room for the worst case of what it is given at once (three bytes
        // a character), which for a value of megabytes would grow the request buffer far beyond the document.
        while (text.Length > Segment)
        {
            writer.WriteStringValueSegment(text[..Segment], isFinalSegment: false);
            text = text[Segment..];
        }
        writer.WriteStringValueSegment(text, isFinalSegment: true);
#else
        writer.WriteStringValue(text);
#endif
    }

    void NoteCut()
    {
        var name = InMetadata ? "metadata." + Field : Field ?? "metadata";
        if (!_cut.Contains(name))
            _cut.Add(name);
    }

    /// <summary>
    /// After a write came out at <paramref name="documentBytes"/>, over the limit: chooses a smaller cap from what
    /// the write measured. False when cutting the long texts cannot make the document fit (the rest alone is too
    /// large), or there were none.
    /// </summary>
    public bool TryShrink(long documentBytes)
    {
        if (_sizes.Count == 0 || _limit == int.MaxValue)
            return false;
        var names = 0L;
        foreach (var name in _cut)
            names += name.Length + PerName;
        var rest = documentBytes - _writtenLong;
        var available = _limit - rest - names - 64 - _sizes.Count * PerName * 4L;
        if (available < _sizes.Count * 16L)
            return false;
        // The cap counts UTF-8; the room counts bytes as written, which escaping makes more.
        var expansion = Math.Max(1.0, (double)_writtenLong / Math.Max(1, _keptUtf8));
        var cap = Share(_sizes, (long)(available / expansion));
        // Every write must cut deeper than the last.
        _cap = (int)Math.Max(0, Math.Min(cap, _cap - 1L));
        return _cap > 0;
    }

    /// <summary>The largest cap under which <paramref name="sizes"/> (reordered) take at most <paramref name="available"/>.</summary>
    static long Share(List<long> sizes, long available)
    {
        if (available <= 0)
            return 0;
        sizes.Sort();
        var remaining = available;
        for (var i = 0; i < sizes.Count; i++)
        {
            var others = sizes.Count - i;
            if (sizes[i] * others <= remaining)
            {
                remaining -= sizes[i];
                continue;
            }
            return remaining / others;
        }
        return int.MaxValue;
    }

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="maxBytes"/> UTF-8 bytes, never half a surrogate pair.</summary>
    static ReadOnlySpan<char> Prefix(ReadOnlySpan<char> text, int maxBytes, int utf8, out int prefixUtf8)
    {
        // Start from the share of characters the bytes allow and step down until it fits (few steps: a text is
        // seldom far from uniform).
        var length = (int)Math.Min(text.Length, (long)text.Length * maxBytes / Math.Max(1, utf8));
        while (true)
        {
            if (length > 0 && char.IsHighSurrogate(text[length - 1]))
                length--;
            prefixUtf8 = Encoding.UTF8.GetByteCount(text[..length]);
            if (prefixUtf8 <= maxBytes || length == 0)
                return text[..length];
            length = (int)Math.Max(0, Math.Min(length - 1, (long)length * maxBytes / prefixUtf8));
        }
    }
}
