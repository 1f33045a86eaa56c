namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Keeping all segments under the size limit: when a line would pass it, the oldest segments are dropped
/// (<see cref="WorkflowTraceBufferFullMode.DropOldest"/>) with their unread lines counted and reported, or the line is
/// refused (<see cref="WorkflowTraceBufferFullMode.RefuseNew"/>). Under the writer's lock.
/// </summary>
sealed partial class BufferWriter
{
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

    // The open segment's length is counted here: FileStream.Length asks the operating system every time.
    long Total() => _otherSegmentsBytes + (_segment is null ? 0 : _segmentLength);

    void DropSegment(long number)
    {
        var path = _directory.PathOf(BufferSegments.FileName(number));
        long lines;
        long length;
        // Under the reader's gate: the lines before its position were read (they are being shipped from memory), the
        // rest are lost with the file and counted; no line is both.
        lock (_directory.SegmentGate)
        {
            var read = _directory.ReadPosition ?? BufferBookmark.Load(_directory);
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    length = stream.Length;
                    if (read.Segment > number)
                        lines = 0;
                    else
                    {
                        stream.Position = read.Segment == number ? Math.Min(read.Offset, length) : 0;
                        lines = CountLines(stream);
                    }
                }
                File.Delete(path);
            }
            catch (FileNotFoundException)
            {
                return; // shipped and deleted meanwhile
            }
        }
        _otherSegmentsBytes -= length;
        Interlocked.Add(ref _dropped, lines);
        if (lines > 0)
            _lost?.Invoke(lines);
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
}
