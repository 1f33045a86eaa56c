using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// The delivery loop's source with a durable buffer: the lines of the buffer's files, after the bookmark, read back
/// as events with the document id each was given when it was logged. A batch's lines are acknowledged (the bookmark
/// moves past them, shipped files are deleted) only once every event of it is settled; a process that stops before
/// that leaves them for the next one, which sends them again under the same ids, answered 409 where they arrived.
/// </summary>
sealed class DurableSource : IDeliverySource
{
    readonly BufferReader _reader;
    readonly BufferWriter _writer;
    readonly DurableSpool _spool;
    readonly CaptureQueue _queue;
    readonly DocumentIdFactory _ids;
    readonly DeliveryLedger _ledger;
    readonly SinkMonitor _monitor;
    readonly string _path;
    readonly BufferLineReader _lines = new();
    const int MaxPooled = 16_384;
    readonly Stack<CapturedEvent> _free = new();
    readonly long _leftByEarlier;
    long _taken;
    BufferPosition? _unacknowledged;
    int _readFailures;

    public DurableSource(BufferReader reader, BufferWriter writer, DurableSpool spool, CaptureQueue queue, DocumentIdFactory ids,
        DeliveryLedger ledger, SinkMonitor monitor, string path)
    {
        _reader = reader;
        _writer = writer;
        _spool = spool;
        _queue = queue;
        _ids = ids;
        _ledger = ledger;
        _monitor = monitor;
        _path = path;
        _leftByEarlier = reader.CountRemaining();
        if (_leftByEarlier > 0)
            SelfLog.WriteLine("WorkflowTrace: the durable buffer in '{0}' holds {1} event(s) left by an earlier sink; they are shipped first", path, _leftByEarlier);
    }

    /// <summary>Events an earlier sink left in the files when this one opened them.</summary>
    public long LeftByEarlier => _leftByEarlier;

    /// <summary>
    /// Whole lines in the files not read yet: those found at start and written since, less those read, set aside as
    /// corrupt, or deleted unread with a file dropped for room.
    /// </summary>
    public long Pending => Math.Max(0, _leftByEarlier + _spool.LinesWritten - Interlocked.Read(ref _taken) - _reader.CorruptLines - _writer.DroppedEvents);

    public int Count => (int)Math.Min(int.MaxValue, Pending + _spool.Unwritten.Count);

    public long LastSequence => _queue.LastSequence;

    public int Take(int max, List<CapturedEvent> into)
    {
        // Events the spool could not write are shipped from memory, ahead of the files: they are the newest, but
        // holding them behind a backlog on disk would hold their memory as long.
        var fromMemory = 0;
        while (fromMemory < max && _spool.Unwritten.TryDequeue(out var unwritten))
        {
            into.Add(unwritten);
            fromMemory++;
        }
        if (fromMemory > 0)
            return fromMemory;

        BufferBatch batch;
        try
        {
            batch = _reader.Read(max);
            _readFailures = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reported once per spell of failures; the loop tries again on its next turn.
            if (_readFailures++ == 0)
            {
                var message = $"the durable buffer in '{_path}' could not be read ({e.GetType().Name}: {e.Message}); its events wait there";
                _monitor.Error(message);
                SelfLog.WriteLine("WorkflowTrace: {0}", message);
            }
            return 0;
        }

        var added = 0;
        foreach (var line in batch.Lines)
        {
            if (ToEvent(line) is { } captured)
            {
                into.Add(captured);
                added++;
            }
        }
        Interlocked.Add(ref _taken, added);
        _ledger.Readmit(added);
        _unacknowledged = batch.End;
        if (added == 0)
            Acknowledge();
        return added;
    }

    CapturedEvent? ToEvent(BufferedLine line)
    {
        CaptureRecord record;
        try
        {
            _lines.Read(line.Utf8.Span, out record);
        }
        catch (FormatException e)
        {
            _reader.SetAside(line, "a line is not a log event (" + e.Message + ")");
            return null;
        }

        var sequence = _ids.SequenceOf(line.DocumentId);
        record.Sequence = sequence ?? 0;
        CapturedEvent captured;
        if (_free.TryPop(out var reuse))
        {
            reuse.Reset(in record);
            captured = reuse;
        }
        else
        {
            captured = new CapturedEvent(in record);
        }
        captured.FromBuffer = true;
        if (sequence is null)
        {
            if (DocumentIdFactory.IsWellFormed(line.DocumentId))
            {
                captured.DocumentId = line.DocumentId;
            }
            else
            {
                captured.DocumentId = Guid.NewGuid().ToString("N");
                SelfLog.WriteLine("WorkflowTrace: {0}", $"the line at byte {line.Position.Offset} of segment {line.Position.Segment} in '{_path}' " +
                    $"has an id that is not a document id this sink forms; it is shipped as {captured.DocumentId}");
            }
        }
        return captured;
    }

    /// <summary>
    /// A batch read from the files waits there, tried again with back-off, for as long as delivery fails: an outage is
    /// bounded by <c>bufferSizeLimitBytes</c>, not <c>retryTimeLimit</c>. Events shipped from memory because the files
    /// could not take them are given up after <c>retryTimeLimit</c> as without a buffer.
    /// </summary>
    public bool GivesUp(List<CapturedEvent> batch) => batch.Exists(captured => !captured.FromBuffer);

    public void Finish(List<CapturedEvent> batch)
    {
        // Settled events' objects are used again for the next lines: a batch of them is then not garbage for every
        // collection to find (the in-memory queue does the same, CaptureQueue.Recycle).
        foreach (var captured in batch)
        {
            if (captured.IsPending || _free.Count >= MaxPooled)
                continue;
            captured.Release();
            _free.Push(captured);
        }
        batch.Clear();
        Acknowledge();
    }

    void Acknowledge()
    {
        if (_unacknowledged is not { } end)
            return;
        try
        {
            _reader.Acknowledge(end);
            _unacknowledged = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lines were settled; only the bookmark did not move. A later acknowledgement moves it past them, and a
            // restart before then sends them again under the same ids (answered 409): nothing is doubled.
            SelfLog.WriteLine("WorkflowTrace: the durable buffer in '{0}' could not save its bookmark: {1}", _path, e.Message);
        }
    }

    /// <summary>
    /// Nothing unread in the files, nothing waiting in memory for lack of a file, and no batch in flight (the loop
    /// asks only then): every event the spool handled is settled — written and shipped, or refused and reported.
    /// </summary>
    public long SettledWhenIdle()
    {
        var handled = _spool.HandledThrough;
        return Pending == 0 && _spool.Unwritten.IsEmpty ? handled : 0;
    }

    public void Close(List<CapturedEvent> unsettled, string reason)
    {
        // Events the files never held cannot wait there: they are reported, with those of the batch in flight that
        // came from memory.
        var lost = unsettled.Where(captured => !captured.FromBuffer).ToList();
        while (_spool.Unwritten.TryDequeue(out var unwritten))
            lost.Add(unwritten);
        if (lost.Count > 0)
            _ledger.ReportFailed(lost, Serilog.Core.LoggingFailureKind.Final,
                $"{lost.Count} event(s) that could not be written to the durable buffer were not delivered: {reason}", null);

        var onDisk = unsettled.Count(captured => captured.FromBuffer);
        _ledger.LeftInBuffer(onDisk);
        var remaining = Pending + onDisk;
        if (remaining == 0)
            return;
        var message = $"{remaining} event(s) were not delivered before the sink closed ({reason}); they remain in the durable buffer in '{_path}' and are shipped by the next sink opened on it";
        _monitor.Error(message);
        SelfLog.WriteLine("WorkflowTrace: {0}", message);
    }
}
