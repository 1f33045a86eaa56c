using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// Forms document ids as a random per-sink prefix followed by the event's sequence number in hex. The prefix
/// (96 random bits) keeps ids unique across processes and restarts; the sequence keeps them unique within a sink
/// and cheap to produce (no allocation: the id is written straight into the bulk body).
/// </summary>
sealed class DocumentIdFactory
{
    readonly byte[] _prefixUtf8;

    public DocumentIdFactory()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        var prefix = Convert.ToBase64String(random).Replace('+', '-').Replace('/', '_');
        _prefixUtf8 = Encoding.ASCII.GetBytes(prefix);
    }

    /// <summary>Length of the longest id: the 16-character prefix and up to 16 hex digits.</summary>
    public const int MaxLength = 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(long sequence, Span<byte> destination)
    {
        _prefixUtf8.CopyTo(destination);
        sequence.TryFormat(destination[_prefixUtf8.Length..], out var written, "x");
        return _prefixUtf8.Length + written;
    }

    /// <summary>Writes the event's document id: the one it carries (<see cref="CapturedEvent.DocumentId"/>), or the one formed from its sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(CapturedEvent captured, Span<byte> destination) =>
        captured.DocumentId is { } id ? Encoding.UTF8.GetBytes(id, destination) : Write(captured.Sequence, destination);

    /// <summary>
    /// True for an id this sink may put into a bulk action line as it is: 1 to 64 characters of the URL-safe
    /// base64 alphabet and '-' (what every sink of this package forms). An id read from a file could be anything.
    /// </summary>
    public static bool IsWellFormed(string id)
    {
        if (id.Length is 0 or > 64)
            return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
                return false;
        }
        return true;
    }

    /// <summary>The event's document id as text.</summary>
    public string Format(CapturedEvent captured) => captured.DocumentId ?? Format(captured.Sequence);

    /// <summary>
    /// The sequence number of an id this factory formed (its prefix, then hex), or null for an id formed by another
    /// sink or process.
    /// </summary>
    public long? SequenceOf(string id)
    {
        if (id.Length <= _prefixUtf8.Length || id.Length > MaxLength)
            return null;
        for (var i = 0; i < _prefixUtf8.Length; i++)
        {
            if (id[i] != _prefixUtf8[i])
                return null;
        }
        return long.TryParse(id.AsSpan(_prefixUtf8.Length), System.Globalization.NumberStyles.AllowHexSpecifier,
            System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
    }

    public string Format(long sequence)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Write(sequence, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }
}
