using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// A reusable <see cref="TextWriter"/> over a pooled buffer: messages are rendered into it and written to JSON
/// from the span, so rendering a message allocates no string.
/// </summary>
sealed class PooledCharWriter : TextWriter
{
    char[] _buffer = ArrayPool<char>.Shared.Rent(512);
    int _length;

    public override Encoding Encoding => Encoding.UTF8;

    public ReadOnlySpan<char> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>How many characters are written.</summary>
    public int Length => _length;

    /// <summary>
    /// Most characters kept; what is written beyond is counted in <see cref="Dropped"/> only, so a huge value
    /// rendered into a document that can hold part of it costs no more than that part. Reset by <see cref="Clear"/>.
    /// </summary>
    public int Limit { get; set; } = int.MaxValue;

    /// <summary>Characters written beyond <see cref="Limit"/> since <see cref="Clear"/>.</summary>
    public long Dropped { get; private set; }

    /// <summary>Forgets what was written after the first <paramref name="length"/> characters.</summary>
    public void Truncate(int length) => _length = Math.Clamp(length, 0, _length);

    /// <summary>Forgets the text; a buffer grown by one huge message is given back rather than kept.</summary>
    public void Clear()
    {
        _length = 0;
        Dropped = 0;
        Limit = int.MaxValue;
        if (_buffer.Length > MaxRetainedLength)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = ArrayPool<char>.Shared.Rent(512);
        }
    }

    const int MaxRetainedLength = 1024 * 1024;

    public override void Write(char value)
    {
        if (_length >= Limit)
        {
            Dropped++;
            return;
        }
        Ensure(1);
        _buffer[_length++] = value;
    }

    public override void Write(string? value)
    {
        if (value is not null)
            Write(value.AsSpan());
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.Length > Limit - _length)
        {
            var room = Math.Max(0, Limit - _length);
            Dropped += buffer.Length - room;
            buffer = buffer[..room];
        }
        Ensure(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public void Write(char value, int count)
    {
        if (count > Limit - _length)
        {
            var room = Math.Max(0, Limit - _length);
            Dropped += count - room;
            count = room;
        }
        Ensure(count);
        _buffer.AsSpan(_length, count).Fill(value);
        _length += count;
    }

    /// <summary>Formats a value straight into the buffer; false when it could not (the caller falls back).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFormat<T>(T value, string? format) where T : ISpanFormattable
    {
        try
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                Ensure(64 << attempt);
                if (value.TryFormat(_buffer.AsSpan(_length), out var written, format, System.Globalization.CultureInfo.InvariantCulture))
                {
                    _length += written;
                    return true;
                }
            }
        }
        catch (FormatException)
        {
            // An invalid format string: let the caller's ToString report it as Serilog would.
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
        base.Dispose(disposing);
    }
}
