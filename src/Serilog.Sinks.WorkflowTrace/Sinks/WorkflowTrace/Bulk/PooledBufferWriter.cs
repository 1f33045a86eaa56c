using System.Buffers;
using System.Runtime.CompilerServices;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// A growable byte buffer from the shared pool that can be cut back to an earlier length, so a document whose
/// writing fails halfway leaves no trace in the bulk body.
/// </summary>
sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    const int MaxRetainedBytes = 8 * 1024 * 1024;

    byte[] _buffer;
    int _written;

    public PooledBufferWriter(int initialCapacity = 64 * 1024)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Truncate(int length)
    {
        if ((uint)length > (uint)_written)
            throw new ArgumentOutOfRangeException(nameof(length));
        _written = length;
    }

    /// <summary>Empties the buffer; one grown far beyond the usual batch is handed back to the pool.</summary>
    public void Clear()
    {
        _written = 0;
        if (_buffer.Length > MaxRetainedBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        _written++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
            return;
        var newSize = Math.Max(_buffer.Length * 2L, (long)_written + needed);
        if (newSize > Array.MaxLength)
            newSize = Math.Max((long)_written + needed, Array.MaxLength);
        if (newSize > Array.MaxLength)
            throw new InvalidOperationException("The bulk body would exceed the largest possible buffer.");
        var bigger = ArrayPool<byte>.Shared.Rent((int)newSize);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }
}
