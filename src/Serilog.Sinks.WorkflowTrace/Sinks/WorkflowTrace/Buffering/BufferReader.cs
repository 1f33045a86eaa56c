using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Reads the buffer's lines in order, from the oldest segment, starting after the saved
/// <see cref="BufferBookmark"/>. A line that is not one JSON object with an id is copied aside — to
/// <c>torn-&lt;segment&gt;-&lt;offset&gt;.txt</c> when it is the unfinished tail of a segment nobody writes any more
/// (a crash mid-write), to <c>corrupt-&lt;segment&gt;-&lt;offset&gt;.txt</c> otherwise — reported, and skipped; reading
/// continues after it. <see cref="Acknowledge"/> saves the bookmark and deletes the segments it has passed.
/// Used by one thread.
/// </summary>
sealed class BufferReader
{
    const int ChunkSize = 64 * 1024;

    readonly BufferDirectory _directory;
    readonly Func<long> _liveSegment;
    readonly Action<string> _report;
    readonly Action<long>? _lost;
    BufferPosition _next;
    long _torn, _corrupt;

    /// <param name="directory">The buffer directory, whose lock the caller holds.</param>
    /// <param name="liveSegment">The segment a writer is still appending to (its unfinished tail is waited for, not
    /// set aside), or -1; <see cref="BufferWriter.CurrentSegment"/>.</param>
    /// <param name="report">Told, in a sentence, of every line set aside.</param>
    /// <param name="lost">Told of each line set aside: an event that will not be shipped.</param>
    public BufferReader(BufferDirectory directory, Func<long> liveSegment, Action<string> report, Action<long>? lost = null)
    {
        _lost = lost;
        _directory = directory;
        _liveSegment = liveSegment;
        _report = report;
        _next = BufferBookmark.Load(directory);
    }

    /// <summary>Lines set aside (torn or corrupted) so far.</summary>
    public long SetAsideLines => TornLines + CorruptLines;

    /// <summary>Unfinished last lines of a segment set aside so far: they never had their newline.</summary>
    public long TornLines => Interlocked.Read(ref _torn);

    /// <summary>Whole lines (with their newline) set aside so far because they are not an event.</summary>
    public long CorruptLines => Interlocked.Read(ref _corrupt);

    /// <summary>Reads up to <paramref name="maxLines"/> lines after the previous read (or the bookmark).</summary>
    public BufferBatch Read(int maxLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        lock (_directory.SegmentGate)
        {
            var batch = ReadLocked(maxLines);
            _directory.ReadPosition = _next;
            return batch;
        }
    }

    /// <summary>
    /// The whole lines after the bookmark: the events a new reader would read (a torn tail not counted). Reads
    /// every segment once: for start-up and shutdown, not for every batch.
    /// </summary>
    public long CountRemaining()
    {
        lock (_directory.SegmentGate)
        {
            var from = BufferBookmark.Load(_directory);
            long lines = 0;
            var chunk = new byte[ChunkSize];
            foreach (var number in BufferSegments.List(_directory.Path))
            {
                if (number < from.Segment)
                    continue;
                try
                {
                    using var stream = new FileStream(_directory.PathOf(BufferSegments.FileName(number)), FileMode.Open, FileAccess.Read,
                        FileShare.ReadWrite | FileShare.Delete, 1);
                    stream.Position = number == from.Segment ? Math.Min(from.Offset, stream.Length) : 0;
                    int read;
                    while ((read = stream.Read(chunk)) > 0)
                        lines += chunk.AsSpan(0, read).Count((byte)'\n');
                }
                catch (FileNotFoundException)
                {
                    // dropped meanwhile
                }
            }
            return lines;
        }
    }

    BufferBatch ReadLocked(int maxLines)
    {
        var lines = new List<BufferedLine>();
        while (lines.Count < maxLines)
        {
            // Read which segment is live before reading the file: a writer completes a segment before it moves on.
            var live = _liveSegment();
            var segments = BufferSegments.List(_directory.Path);
            var index = segments.FindIndex(n => n >= _next.Segment);
            if (index < 0)
                break;
            if (segments[index] > _next.Segment)
                _next = new(segments[index], 0);
            var finished = ReadSegment(_next.Segment, live, lines, maxLines);
            if (!finished)
                break;
            if (index + 1 < segments.Count)
                _next = new(segments[index + 1], 0);
            else
                break;
        }
        return new(lines, _next);
    }

    /// <summary>Reads lines of one segment into <paramref name="lines"/>; true when its end was reached and it is complete.</summary>
    bool ReadSegment(long segment, long live, List<BufferedLine> lines, int maxLines)
    {
        var path = _directory.PathOf(BufferSegments.FileName(segment));
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (FileNotFoundException)
        {
            return true; // dropped by the writer when the buffer was full
        }
        using (stream)
        {
            stream.Position = Math.Min(_next.Offset, stream.Length);
            var pending = new MemoryStream();
            var lineStart = stream.Position;
            // A line within one chunk is handed out as a slice of it, not copied: each chunk is a new array.
            var chunk = new byte[ChunkSize];
            int read;
            while (lines.Count < maxLines && (read = stream.Read(chunk)) > 0)
            {
                var offset = 0;
                while (lines.Count < maxLines)
                {
                    var newline = chunk.AsSpan(offset, read - offset).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        pending.Write(chunk, offset, read - offset);
                        break;
                    }
                    ReadOnlyMemory<byte> line;
                    if (pending.Length == 0)
                    {
                        line = chunk.AsMemory(offset, newline);
                    }
                    else
                    {
                        pending.Write(chunk, offset, newline);
                        line = pending.ToArray();
                        pending.SetLength(0);
                    }
                    offset += newline + 1;
                    var end = lineStart + line.Length + 1;
                    Take(segment, lineStart, line, lines);
                    lineStart = end;
                    _next = new(segment, end);
                }
                if (lines.Count >= maxLines)
                    return false;
                chunk = new byte[ChunkSize];
            }
            if (pending.Length == 0)
                return segment != live;
            if (segment == live)
                return false; // the writer has not finished this line yet
            SetAside("torn", segment, lineStart, pending.ToArray(), "its last line is unfinished (the writer stopped mid-line)");
            _next = new(segment, lineStart + pending.Length);
            return true;
        }
    }

    void Take(long segment, long start, ReadOnlyMemory<byte> line, List<BufferedLine> lines)
    {
        var id = BufferLineParser.TryReadId(line.Span);
        if (id is null)
        {
            SetAside("corrupt", segment, start, line.ToArray(), "a line is not one JSON object with an \"@wt_id\"");
            return;
        }
        lines.Add(new(id, line, new(segment, start)));
    }

    /// <summary>
    /// Sets aside a line that was read but turned out not to be an event (its JSON is whole but not a log event):
    /// copied to <c>corrupt-&lt;segment&gt;-&lt;offset&gt;.txt</c>, reported and counted.
    /// </summary>
    public void SetAside(BufferedLine line, string why) =>
        SetAside("corrupt", line.Position.Segment, line.Position.Offset, line.Utf8.ToArray(), why);

    void SetAside(string kind, long segment, long offset, byte[] bytes, string why)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind}-{segment:D6}-{offset}.txt");
        File.WriteAllBytes(_directory.PathOf(name), bytes);
        Interlocked.Increment(ref kind == "torn" ? ref _torn : ref _corrupt);
        _lost?.Invoke(1);
        _report($"The durable buffer in '{_directory.Path}': {why} in {BufferSegments.FileName(segment)} at byte {offset}; " +
                $"its {bytes.Length} byte(s) were set aside in '{name}' and reading continues after it.");
    }

    /// <summary>
    /// Saves <paramref name="shipped"/> (a <see cref="BufferBatch.End"/>) as the bookmark and deletes the segments
    /// before it, which are shipped.
    /// </summary>
    public void Acknowledge(BufferPosition shipped)
    {
        lock (_directory.SegmentGate)
        {
            BufferBookmark.Save(_directory, shipped);
            foreach (var number in BufferSegments.List(_directory.Path))
            {
                if (number >= shipped.Segment)
                    break;
                File.Delete(_directory.PathOf(BufferSegments.FileName(number)));
            }
        }
    }
}
