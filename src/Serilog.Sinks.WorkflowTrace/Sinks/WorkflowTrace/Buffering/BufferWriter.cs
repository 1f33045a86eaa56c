using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Appends events, one CLEF line each (<see cref="BufferLineFormatter"/>), to the segments of a buffer directory,
/// rolling by size, flushing as <see cref="BufferWriterOptions.Flush"/> says and keeping all segments under
/// <see cref="BufferWriterOptions.SizeLimit"/>. A writer always starts a new segment, so a line torn by a crash
/// stays at the end of a segment nobody appends to again. Safe to call from several threads.
/// </summary>
sealed partial class BufferWriter : IDisposable
{
    readonly object _gate = new();
    readonly BufferDirectory _directory;
    readonly BufferWriterOptions _options;
    readonly TimeProvider _time;
    readonly Action<string> _report;
    readonly Action<long>? _lost;
    readonly ITimer? _flushTimer;
    readonly ArrayBufferWriter<byte> _utf8 = new(4096);
    // People read the files: text is written as it is (quotes, backslashes and control characters still escaped).
    readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    FileStream? _segment;
    long _segmentNumber;
    long _current = -1;
    long _otherSegmentsBytes;
    long _segmentLength;
    bool _dirty, _refusing, _disposed;
    long _dropped, _refused;

    /// <summary>Opens a writer on <paramref name="directory"/>, whose lock the caller holds.</summary>
    /// <param name="directory">The buffer directory.</param>
    /// <param name="options">Rolling, size limit and flush policy.</param>
    /// <param name="time">The clock of the interval flush.</param>
    /// <param name="report">Told, in a sentence, of every loss (dropped or refused events) and write failure.</param>
    /// <param name="lost">Told how many events each segment dropped for room took with it unread.</param>
    public BufferWriter(BufferDirectory directory, BufferWriterOptions options, TimeProvider time, Action<string> report, Action<long>? lost = null)
    {
        _lost = lost;
        options.Validate();
        _directory = directory;
        _options = options;
        _time = time;
        _report = report;
        var existing = BufferSegments.List(directory.Path);
        _segmentNumber = Math.Max(existing.Count == 0 ? 0 : existing[^1], BufferBookmark.Load(directory).Segment);
        if (!options.Flush.IsWriteThrough)
            _flushTimer = time.CreateTimer(_ => FlushOnTimer(), null, options.Flush.Interval, options.Flush.Interval);
    }

    /// <summary>The segment being appended to, or -1 before the first append: the reader treats it as still growing.</summary>
    public long CurrentSegment => Volatile.Read(ref _current);

    /// <summary>Events deleted unshipped with the oldest segment because the buffer was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Events not written because the buffer was full (<see cref="WorkflowTraceBufferFullMode.RefuseNew"/>) or too large.</summary>
    public long RefusedEvents => Interlocked.Read(ref _refused);

    /// <summary>
    /// Appends the event with its document id and, with write-through, fsyncs it; otherwise it waits in the writer's
    /// memory buffer for the flush timer (or <see cref="Commit"/>). Returns false when it was refused
    /// for lack of room (counted and reported). Throws the <see cref="IOException"/> of a failed write; the next
    /// append starts a new segment.
    /// </summary>
    public bool Append(string documentId, LogEvent logEvent)
    {
        CaptureRecord.Capture(logEvent, Environment.CurrentManagedThreadId, default, 0, out var record);
        var captured = new CapturedEvent(in record);
        lock (_gate)
        {
            if (!Append(documentId, captured))
                return false;
            if (_options.Flush.IsWriteThrough)
                CommitLocked();
            else
                _dirty = true;
            return true;
        }
    }

    /// <summary>
    /// Appends a captured event with its document id to the writer's memory buffer; <see cref="Commit"/> hands what
    /// was appended to the operating system (and fsyncs it with write-through), the flush timer fsyncs it otherwise.
    /// Returns false when it was refused for lack of room (counted and reported). Throws the exception of a failed
    /// write; the next append starts a new segment.
    /// </summary>
    public bool Append(string documentId, CapturedEvent captured)
    {
        Span<byte> id = stackalloc byte[Encoding.UTF8.GetMaxByteCount(documentId.Length)];
        return Append(id[..Encoding.UTF8.GetBytes(documentId, id)], captured);
    }

    /// <summary>As <see cref="Append(string, CapturedEvent)"/>, with the id formed by <paramref name="ids"/> (no string made for it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Append(DocumentIdFactory ids, CapturedEvent captured)
    {
        Span<byte> id = stackalloc byte[Math.Max(DocumentIdFactory.MaxLength, captured.DocumentId?.Length ?? 0)];
        return Append(id[..ids.Write(captured, id)], captured);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Append(ReadOnlySpan<byte> documentId, CapturedEvent captured)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _utf8.ResetWrittenCount();
            _json.Reset(_utf8);
            BufferLineFormatter.Write(documentId, captured, _json);
            _json.Flush();
            _utf8.GetSpan(1)[0] = (byte)'\n';
            _utf8.Advance(1);
            return AppendBytes(_utf8.WrittenSpan);
        }
    }

    /// <summary>
    /// Hands the lines appended so far to the operating system — from then on they survive the process being
    /// killed and the reader sees them — and with write-through also forces them to disk.
    /// </summary>
    public void Commit()
    {
        lock (_gate)
        {
            if (!_disposed)
                CommitLocked();
        }
    }

    void CommitLocked()
    {
        if (_segment is null)
            return;
        try
        {
            if (_options.Flush.IsWriteThrough)
            {
                _segment.Flush(flushToDisk: true);
            }
            else
            {
                _segment.Flush(flushToDisk: false);
                _dirty = true;
            }
            // A segment deleted under the writer (its directory removed) still takes writes, into a file nobody can
            // read: the lines since the last commit would be lost without a word. They fail instead, so the caller
            // ships them from memory, and the next append starts a segment in the directory made again.
            if (!File.Exists(_directory.PathOf(BufferSegments.FileName(_segmentNumber))))
                throw new IOException($"the segment {BufferSegments.FileName(_segmentNumber)} was removed from '{_directory.Path}' while it was being written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AbandonSegment();
            throw;
        }
    }

    /// <summary>Writes one whole line (with its newline) into the current segment, rolling and making room first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool AppendBytes(ReadOnlySpan<byte> line)
    {
        if (_segment is not null && _segmentLength > 0 && _segmentLength + line.Length > _options.SegmentSizeLimit)
            CloseSegment();
        if (!MakeRoom(line.Length))
            return false;

        try
        {
            _segment ??= StartSegment();
            _segment.Write(line);
            _segmentLength += line.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AbandonSegment();
            throw;
        }
        return true;
    }

    /// <summary>Writes and fsyncs what is buffered, whatever the policy.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_segment is not null && !_disposed)
                _segment.Flush(flushToDisk: true);
            _dirty = false;
        }
    }

    void FlushOnTimer()
    {
        try
        {
            lock (_gate)
            {
                if (_dirty)
                    Flush();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _report($"The durable buffer in '{_directory.Path}' could not flush its segment: {e.Message}");
        }
    }

    FileStream StartSegment()
    {
        // A directory removed under the running sink is made again rather than failing every event from then on.
        Directory.CreateDirectory(_directory.Path);
        _segmentNumber++;
        var path = _directory.PathOf(BufferSegments.FileName(_segmentNumber));
        // Lines collect in the stream's buffer until a commit (or, without one, the flush timer) writes them.
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024);
        _segmentLength = 0;
        Volatile.Write(ref _current, _segmentNumber);
        return stream;
    }

    /// <summary>Completes the current segment: everything in it is on disk before the reader may treat it as finished.</summary>
    void CloseSegment()
    {
        if (_segment is null)
            return;
        _segment.Flush(flushToDisk: true);
        _otherSegmentsBytes += _segmentLength;
        _segment.Dispose();
        _segment = null;
        _dirty = false;
    }

    void AbandonSegment()
    {
        try
        {
            _otherSegmentsBytes += _segment is null ? 0 : _segmentLength;
            _segment?.Dispose();
        }
        catch (IOException)
        {
            // The write already failed; the segment's tail is set aside by the reader if torn.
        }
        _segment = null;
        _dirty = false;
    }

    /// <summary>Flushes and closes the current segment; the directory's lock stays with its owner.</summary>
    public void Dispose()
    {
        _flushTimer?.Dispose();
        lock (_gate)
        {
            if (_disposed)
                return;
            try
            {
                CloseSegment();
            }
            finally
            {
                _disposed = true;
                Volatile.Write(ref _current, -1);
                _json.Dispose();
            }
        }
    }
}
