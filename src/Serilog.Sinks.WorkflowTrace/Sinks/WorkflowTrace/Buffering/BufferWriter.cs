using System.Text;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Appends events, one CLEF line each (<see cref="BufferLineFormatter"/>), to the segments of a buffer directory,
/// rolling by size, flushing as <see cref="BufferWriterOptions.Flush"/> says and keeping all segments under
/// <see cref="BufferWriterOptions.SizeLimit"/>. A writer always starts a new segment, so a line torn by a crash
/// stays at the end of a segment nobody appends to again. Safe to call from several threads.
/// </summary>
sealed class BufferWriter : IDisposable
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    readonly object _gate = new();
    readonly BufferDirectory _directory;
    readonly BufferWriterOptions _options;
    readonly TimeProvider _time;
    readonly Action<string> _report;
    readonly ITimer? _flushTimer;
    readonly StringWriter _line = new(System.Globalization.CultureInfo.InvariantCulture);

    FileStream? _segment;
    long _segmentNumber;
    long _current = -1;
    long _otherSegmentsBytes;
    bool _dirty, _refusing, _disposed;
    long _dropped, _refused;

    /// <summary>Opens a writer on <paramref name="directory"/>, whose lock the caller holds.</summary>
    /// <param name="directory">The buffer directory.</param>
    /// <param name="options">Rolling, size limit and flush policy.</param>
    /// <param name="time">The clock of the interval flush.</param>
    /// <param name="report">Told, in a sentence, of every loss (dropped or refused events) and write failure.</param>
    public BufferWriter(BufferDirectory directory, BufferWriterOptions options, TimeProvider time, Action<string> report)
    {
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
    /// Appends the event with its document id. Returns false when it was refused for lack of room (counted and
    /// reported). Throws the <see cref="IOException"/> of a failed write; the next append starts a new segment.
    /// </summary>
    public bool Append(string documentId, LogEvent logEvent)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _line.GetStringBuilder().Clear();
            BufferLineFormatter.Write(documentId, logEvent, _line);
            _line.Write('\n');
            var bytes = Utf8.GetBytes(_line.GetStringBuilder().ToString());

            if (_segment is not null && _segment.Length > 0 && _segment.Length + bytes.Length > _options.SegmentSizeLimit)
                CloseSegment();
            if (!MakeRoom(bytes.Length))
                return false;

            try
            {
                _segment ??= StartSegment();
                _segment.Write(bytes);
                if (_options.Flush.IsWriteThrough)
                    _segment.Flush(flushToDisk: true);
                else
                    _dirty = true;
            }
            catch (IOException)
            {
                AbandonSegment();
                throw;
            }
            return true;
        }
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

    bool MakeRoom(int bytes)
    {
        if (Total() + bytes <= _options.SizeLimit)
        {
            _refusing = false;
            return true;
        }
        // The reader deletes shipped segments: count again before deciding the buffer is full.
        // Every segment but the open one counts as "other": a segment just closed by a roll is among them.
        _otherSegmentsBytes = BufferSegments.List(_directory.Path).Where(n => _segment is null || n != _current)
            .Sum(n => Math.Max(0, BufferSegments.Length(_directory.Path, n)));
        if (_options.FullMode == WorkflowTraceBufferFullMode.DropOldest)
        {
            foreach (var oldest in BufferSegments.List(_directory.Path))
            {
                if (Total() + bytes <= _options.SizeLimit || (_segment is not null && oldest == _current))
                    break;
                DropSegment(oldest);
            }
        }
        if (Total() + bytes <= _options.SizeLimit)
        {
            _refusing = false;
            return true;
        }
        _refused++;
        if (!_refusing)
            _report($"The durable buffer in '{_directory.Path}' is full ({_options.SizeLimit} bytes): new events are refused " +
                    "until shipping makes room; each one is counted.");
        _refusing = true;
        return false;
    }

    long Total() => _otherSegmentsBytes + (_segment?.Length ?? 0);

    void DropSegment(long number)
    {
        var path = _directory.PathOf(BufferSegments.FileName(number));
        var bookmark = BufferBookmark.Load(_directory);
        var from = bookmark.Segment == number ? bookmark.Offset : 0;
        long lines;
        long length;
        try
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                length = stream.Length;
                stream.Position = Math.Min(from, length);
                lines = CountLines(stream);
            }
            File.Delete(path);
        }
        catch (FileNotFoundException)
        {
            return; // shipped and deleted meanwhile
        }
        _otherSegmentsBytes -= length;
        _dropped += lines;
        _report($"The durable buffer in '{_directory.Path}' is full ({_options.SizeLimit} bytes): the oldest segment " +
                $"{BufferSegments.FileName(number)} was deleted with {lines} unshipped event(s); {_dropped} dropped so far.");
    }

    static long CountLines(Stream stream)
    {
        Span<byte> chunk = stackalloc byte[8192];
        long lines = 0;
        int read;
        while ((read = stream.Read(chunk)) > 0)
            lines += chunk[..read].Count((byte)'\n');
        return lines;
    }

    FileStream StartSegment()
    {
        _segmentNumber++;
        var path = _directory.PathOf(BufferSegments.FileName(_segmentNumber));
        var bufferSize = _options.Flush.IsWriteThrough ? 1 : 64 * 1024;
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize);
        Volatile.Write(ref _current, _segmentNumber);
        return stream;
    }

    /// <summary>Completes the current segment: everything in it is on disk before the reader may treat it as finished.</summary>
    void CloseSegment()
    {
        if (_segment is null)
            return;
        _segment.Flush(flushToDisk: true);
        _otherSegmentsBytes += _segment.Length;
        _segment.Dispose();
        _segment = null;
        _dirty = false;
    }

    void AbandonSegment()
    {
        try
        {
            _otherSegmentsBytes += _segment?.Length ?? 0;
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
                _line.Dispose();
            }
        }
    }
}
