using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The last value seen in each slot, as UTF-8 bytes and as the string made of them, for one answer: a value whose
/// bytes equal the last one's is returned as the same string instead of a new one. The keyword fields of a page of
/// trace hits (level, run id, workflow, host, versions...) take few distinct values, mostly in runs, so most of
/// their strings are never allocated. Values longer than <see cref="MaxCachedBytes"/> are not kept.
/// </summary>
sealed class KeywordCache
{
    /// <summary>Longer values are decoded every time: comparing them costs more than it saves.</summary>
    public const int MaxCachedBytes = 512;

    readonly byte[]?[] _bytes;
    readonly int[] _lengths;
    readonly string?[] _values;
    byte[]? _lastTagsBytes;
    IReadOnlyList<string>? _lastTags;

    public KeywordCache(int slots)
    {
        _bytes = new byte[]?[slots];
        _lengths = new int[slots];
        _values = new string?[slots];
    }

    /// <summary>The string of <paramref name="utf8"/>, the one already made when it equals the slot's last value.</summary>
    public string Get(int slot, ReadOnlySpan<byte> utf8)
    {
        var last = _values[slot];
        if (last is not null && utf8.SequenceEqual(_bytes[slot].AsSpan(0, _lengths[slot])))
            return last;

        var value = utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);
        if (utf8.Length > MaxCachedBytes)
        {
            _values[slot] = null;
            return value;
        }

        var buffer = _bytes[slot];
        if (buffer is null || buffer.Length < utf8.Length)
            _bytes[slot] = buffer = new byte[Math.Max(32, utf8.Length)];
        utf8.CopyTo(buffer);
        _lengths[slot] = utf8.Length;
        _values[slot] = value;
        return value;
    }

    /// <summary>The tags read last, when their raw JSON equals <paramref name="json"/>.</summary>
    public IReadOnlyList<string>? LastTags(ReadOnlySpan<byte> json) =>
        _lastTags is not null && json.SequenceEqual(_lastTagsBytes) ? _lastTags : null;

    /// <summary>Remembers <paramref name="tags"/>, read from <paramref name="json"/>, for the next hit.</summary>
    public void KeepTags(ReadOnlySpan<byte> json, IReadOnlyList<string> tags)
    {
        if (json.Length > MaxCachedBytes)
        {
            _lastTags = null;
            return;
        }
        _lastTagsBytes = json.ToArray();
        _lastTags = tags;
    }
}
