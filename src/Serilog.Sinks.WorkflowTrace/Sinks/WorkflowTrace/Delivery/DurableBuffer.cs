using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// The durable buffer of one sink, opened from <c>bufferPath</c>: the directory's lock, the writer the
/// <see cref="DurableSpool"/> appends with, and the reader the <see cref="DurableSource"/> ships from. Closing lets
/// go of them in reverse order, reporting rather than throwing what fails.
/// </summary>
sealed class DurableBuffer : IDisposable
{
    readonly BufferDirectory _directory;
    readonly SinkMonitor _monitor;

    DurableBuffer(BufferDirectory directory, BufferWriter writer, BufferReader reader, SinkMonitor monitor)
    {
        _directory = directory;
        Writer = writer;
        Reader = reader;
        _monitor = monitor;
    }

    public BufferWriter Writer { get; }

    public BufferReader Reader { get; }

    public string Path => _directory.Path;

    /// <summary>
    /// Opens the buffer, taking the directory's lock. A directory owned by another sink or process, or one that
    /// cannot be used, is a configuration error naming <c>bufferPath</c>.
    /// </summary>
    public static DurableBuffer Open(DurableBufferSettings settings, TimeProvider time, SinkMonitor monitor, DeliveryLedger ledger)
    {
        BufferDirectory directory;
        try
        {
            directory = BufferDirectory.Open(settings.Path);
        }
        catch (BufferDirectoryInUseException e)
        {
            throw new ArgumentException($"WorkflowTrace sink setting 'bufferPath' has an invalid value '{settings.Path}': {e.Message}", "bufferPath", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"WorkflowTrace sink setting 'bufferPath' has an invalid value '{settings.Path}': the directory cannot be used ({e.GetType().Name}: {e.Message}).", "bufferPath", e);
        }

        try
        {
            Action<string> report = message =>
            {
                monitor.Error(message);
                SelfLog.WriteLine("WorkflowTrace: {0}", message);
            };
            var writer = new BufferWriter(directory, new BufferWriterOptions
            {
                SegmentSizeLimit = settings.FileSizeBytes,
                SizeLimit = settings.SizeLimitBytes,
                Flush = settings.WriteThrough ? BufferFlush.WriteThrough : BufferFlush.Every(settings.FlushInterval),
                FullMode = settings.FullMode,
            }, time, report, ledger.LostInBuffer);
            var reader = new BufferReader(directory, () => writer.CurrentSegment, report, ledger.LostInBuffer);
            return new DurableBuffer(directory, writer, reader, monitor);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The spool that writes <paramref name="queue"/> to this buffer.</summary>
    public DurableSpool CreateSpool(CaptureQueue queue, DocumentIdFactory ids, DeliveryLedger ledger) =>
        new(queue, Writer, ids, ledger, Path, _monitor.Error);

    /// <summary>The delivery loop's source reading this buffer.</summary>
    public DurableSource CreateSource(DurableSpool spool, CaptureQueue queue, DocumentIdFactory ids, DeliveryLedger ledger) =>
        new(Reader, Writer, spool, queue, ids, ledger, _monitor, Path);

    /// <summary>Forces the last lines to disk and lets go of the directory; a failure is reported, not thrown.</summary>
    public void Dispose()
    {
        try
        {
            Writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SelfLog.WriteLine("WorkflowTrace: the durable buffer in '{0}' could not write its last lines to disk when closing: {1}", Path, e.Message);
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
