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

    public string Format(long sequence)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Write(sequence, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }
}
