using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bulk;

/// <summary>
/// Guarding against large and hostile values costs ordinary events nothing: appending small documents of a context
/// logger allocates no buffer or text per event once the buffers are warm. (Measured on the code before and after
/// the guards: 96 bytes per event from the cached shape, 776 for a document with an exception — the same both times.)
/// </summary>
public class CommonPathAllocationTests
{
    /// <summary>Far below any copy of a document (about 700 bytes) or of the buffers, above the few boxes a write makes.</summary>
    const int SmallAllowance = 256;

    [Test]
    public void AppendingOrdinaryEventsAllocatesNoBufferPerEvent()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1234567890").ForContext("JobName", "extract");
        for (var i = 0; i < 800; i++)
            context.Information("step {Step} took {Elapsed} ms", i, i * 1.5);
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse("workflow-traces"), probe.Writer, new DocumentIdFactory(), 10 * 1024 * 1024);
        var events = probe.Captured;
        var createdAt = DateTime.UtcNow;
        builder.Reset();
        for (var i = 0; i < 400; i++)
            Assert.That(builder.TryAppend(events[i], createdAt), Is.Null);

        builder.Reset();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 400; i < events.Count; i++)
            builder.TryAppend(events[i], createdAt);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(builder.Count, Is.EqualTo(400));
        Assert.That(allocated, Is.LessThan(400L * SmallAllowance), $"{allocated} bytes for 400 events");
    }
}
