using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// With a durable buffer, moves events from the <see cref="CaptureQueue"/> the logging calls fill to the buffer's
/// files, on a task of its own, as soon as they arrive: the logging call costs what it costs without a buffer, and an
/// event spends only the moment until the spool wakes in memory. Each pass appends what waits and hands it to the
/// operating system (with write-through it also fsyncs, one fsync for all the events of the pass), then wakes the
/// delivery loop, which ships from the files. An event the buffer refuses (full, <c>RefuseNew</c>) is reported; one
/// it cannot take (a write failed: disk full, directory removed or read-only) is shipped from memory instead
/// (<see cref="Unwritten"/>), and the trouble reported once per spell — never silently lost. With write-through the logging call itself runs a pass
/// (<see cref="WriteThrough"/>), so it returns only once its event is on disk.
/// </summary>
sealed class DurableSpool : IDisposable
{
    /// <summary>Events taken from the queue at a time.</summary>
    const int PassSize = 4096;

    /// <summary>The shortest time between two passes: what an event may wait in memory, beyond the pass itself, under load.</summary>
    static readonly TimeSpan PassInterval = TimeSpan.FromMilliseconds(1);

    readonly CaptureQueue _queue;
    readonly BufferWriter _writer;
    readonly DocumentIdFactory _ids;
    readonly DeliveryLedger _ledger;
    readonly string _path;
    readonly object _passGate = new();
    readonly List<CapturedEvent> _pass = new(PassSize);
    readonly List<CapturedEvent> _appended = new(PassSize);
    readonly List<CapturedEvent> _refused = [];
    readonly List<CapturedEvent> _failed = [];
    readonly ManualResetEventSlim _wake = new(false);
    Thread? _thread;
    Action _written = () => { };
    readonly System.Collections.Concurrent.ConcurrentQueue<CapturedEvent> _unwritten = new();
    volatile bool _stopping;
    bool _writeFailing, _appendedAny;
    readonly Action<string> _monitorError;
    long _handledThrough;
    long _linesWritten;

    public DurableSpool(CaptureQueue queue, BufferWriter writer, DocumentIdFactory ids, DeliveryLedger ledger, string path, Action<string> monitorError)
    {
        _monitorError = monitorError;
        _queue = queue;
        _writer = writer;
        _ids = ids;
        _ledger = ledger;
        _path = path;
    }

    /// <summary>Every event up to this number is in the buffer's files (visible to the reader) or reported.</summary>
    public long HandledThrough => Interlocked.Read(ref _handledThrough);

    /// <summary>Events that could not be written to the files: the delivery loop ships them from memory.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<CapturedEvent> Unwritten => _unwritten;

    /// <summary>Lines this spool has written to the files (and handed to the operating system).</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <summary>Starts the spool's thread; <paramref name="written"/> is called after each pass that wrote lines.</summary>
    public void Start(Action written)
    {
        _written = written;
        // A thread of its own, not the thread pool's: a pass under a burst writes for as long as the burst lasts, and
        // a pool thread held that long starves the delivery loop and the HTTP client of theirs.
        _thread = new Thread(Run) { IsBackground = true, Name = "WorkflowTrace durable buffer" };
        // Without the caller's execution context: an ambient trace open where the logger was made must not follow it.
        using (ExecutionContext.SuppressFlow())
            _thread.Start();
    }

    /// <summary>Wakes the spool to look at the queue. Cheap; any thread.</summary>
    public void Wake() => _wake.Set();

    /// <summary>
    /// Returns once event <paramref name="sequence"/> is on disk or reported: runs a pass on the calling thread
    /// unless another thread's pass already covered it.
    /// </summary>
    public void WriteThrough(long sequence)
    {
        if (HandledThrough >= sequence)
            return;
        lock (_passGate)
        {
            if (HandledThrough < sequence)
                RunPass();
        }
    }

    void Run()
    {
        var idlePolls = 0;
        while (true)
        {
            _wake.Reset();
            if (_queue.Count > 0)
            {
                lock (_passGate)
                    RunPass();
                idlePolls = 0;
                // A pass per event would cost a wake-up, a write and a check of the file each: under load, events
                // gather for a moment before the next pass.
                if (!_stopping)
                    Thread.Sleep(PassInterval);
                continue;
            }
            if (_stopping)
                return;
            // After activity the spool keeps looking by itself for a while, so that a steady flow never has a logging
            // call wake it (a wake-up costs that call tens of microseconds); only a quiet spell lets it block.
            if (idlePolls++ < IdlePolls)
            {
                Thread.Sleep(PassInterval);
                continue;
            }
            _wake.Wait();
            idlePolls = 0;
        }
    }

    /// <summary>Passes' worth of quiet (about 50 ms) after which the spool waits to be woken.</summary>
    const int IdlePolls = 50;

    /// <summary>Appends everything waiting, commits it, settles the refused and failed, then tells the loop. Under the pass gate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void RunPass()
    {
        long last = 0;
        Exception? writeError = null;
        try
        {
            while (_queue.Take(PassSize, _pass) > 0)
            {
                foreach (var captured in _pass)
                {
                    last = captured.Sequence;
                    try
                    {
                        if (_writer.Append(_ids, captured))
                            _appended.Add(captured);
                        else
                            _refused.Add(captured);
                    }
                    catch (Exception e)
                    {
                        writeError ??= e;
                        _failed.Add(captured);
                    }
                }
                CommitAppended(ref writeError);
                _queue.Recycle(_pass);
                _pass.Clear();
            }
        }
        catch (Exception e)
        {
            // A defect of the pass itself: what it holds is reported; the next pass starts afresh.
            SelfLog.WriteLine("WorkflowTrace: the durable buffer's spool failed: {0}", e);
            writeError ??= e;
            foreach (var captured in _pass)
            {
                if (captured.IsPending && !_failed.Contains(captured) && !_refused.Contains(captured))
                    _failed.Add(captured);
            }
            _pass.Clear();
            _appended.Clear();
        }
        finally
        {
            ReportUnwritten(writeError);
            if (last > HandledThrough)
                Interlocked.Exchange(ref _handledThrough, last);
        }
    }

    /// <summary>
    /// Hands the appended lines to the operating system. Then they are the buffer's: settled as far as memory is
    /// concerned, and their objects reused. When that fails they may not be in the file, so they are reported.
    /// </summary>
    void CommitAppended(ref Exception? writeError)
    {
        if (_appended.Count == 0)
            return;
        try
        {
            _writer.Commit();
        }
        catch (Exception e)
        {
            writeError ??= e;
            _failed.AddRange(_appended);
            _appended.Clear();
            return;
        }
        foreach (var captured in _appended)
            captured.TryMarkDelivered();
        _appendedAny = true;
        _ledger.Spooled(_appended.Count);
        Interlocked.Add(ref _linesWritten, _appended.Count);
        _appended.Clear();
        _written();
    }

    void ReportUnwritten(Exception? writeError)
    {
        if (_refused.Count > 0)
        {
            _ledger.ReportFailed(_refused, LoggingFailureKind.Permanent,
                $"the durable buffer in '{_path}' is full (bufferSizeLimitBytes) and bufferFullMode is RefuseNew: {_refused.Count} event(s) were refused", null);
            _refused.Clear();
        }
        if (_failed.Count > 0)
        {
            if (!_writeFailing)
            {
                _writeFailing = true;
                SelfLog.WriteLine("WorkflowTrace: events could not be written to the durable buffer in '{0}' ({1}: {2}); they are shipped from memory " +
                                  "instead (not kept across a restart) until writing works again", _path, writeError?.GetType().Name, writeError?.Message);
            }
            _monitorError($"the durable buffer in '{_path}' could not be written ({writeError?.GetType().Name}: {writeError?.Message}); events are shipped from memory");
            foreach (var captured in _failed)
                _unwritten.Enqueue(captured);
            _failed.Clear();
            _written();
        }
        else if (_writeFailing && _appendedAny)
        {
            _writeFailing = false;
            SelfLog.WriteLine("WorkflowTrace: the durable buffer in '{0}' is written again", _path);
        }
        _appendedAny = false;
    }

    /// <summary>Writes everything still queued (the logging calls have stopped), then stops the task.</summary>
    public void Stop()
    {
        _stopping = true;
        Wake();
        lock (_passGate)
            RunPass();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => Stop();
}
