using System.Diagnostics;
using System.Runtime.CompilerServices;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// A large event costs little more than its size: its strings are cut as the document is written, so that it fits
/// the request limit, rather than the whole document being written, copied, parsed and rewritten round after round;
/// and nothing of it is kept once it is delivered.
/// </summary>
/// <remarks>
/// Memory is bounded by what is allocated while the event is logged and delivered, the whole process counted
/// (sink and loopback server alike): the working set can only grow by what is allocated, and unlike the working
/// set's high-water mark the count is not disturbed by what earlier tests did.
/// </remarks>
public class LargeEventTests : LoopbackServerTest
{
    /// <summary>38 MiB of text, as measured in the issue.</summary>
    const int Size = 38 * 1024 * 1024;

    static string[] TruncatedFields(StoredDocument document) =>
        document.Source.GetProperty("metadata").GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public async Task AnEventHoldingA38MiBStringAllocatesAtMostFourTimesItsSize()
    {
        var huge = new string('x', Size);
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger();
        logger.Information("warm-up {Number}", 1);
        await Server.WaitForDocumentsAsync(1, Patience);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        logger.Information("{Huge}", huge);
        await Server.WaitForDocumentsAsync(2, Patience);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var peakAfter = Process.GetCurrentProcess().PeakWorkingSet64;
        TestContext.Out.WriteLine($"allocated {allocated / 1048576.0:0.0} MiB for a {Size / 1048576} MiB string; peak working set {peakBefore / 1048576.0:0.0} -> {peakAfter / 1048576.0:0.0} MiB");

        Assert.That(allocated, Is.LessThanOrEqualTo(4L * Size), "allocated while the event was logged and delivered");
        var document = Server.Documents.Single(d => d.Source.GetProperty("metadata").GetProperty("message_template").GetString() == "{Huge}");
        Assert.That(TruncatedFields(document), Is.SupersetOf(new[] { "message", "metadata.Huge" }));
        Assert.That(huge, Does.StartWith(document.Source.GetProperty("message").GetString()!));
        Assert.That(BulkRequests.Of(Server).Max(r => r.Body.Length), Is.LessThanOrEqualTo(10 * 1024 * 1024));
    }

    [Test]
    public async Task ALargeHoleValueIsNotKeptAliveOnceItsEventIsDelivered()
    {
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger();
        var value = LogLarge(logger, (log, text) => log.Information("{Large}", text));
        await Server.WaitForDocumentsAsync(1, Patience);

        AssertCollected(value);
        GC.KeepAlive(logger);
    }

    [Test]
    public async Task ALargeContextValueIsNotKeptAliveOnceItsEventIsDelivered()
    {
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger();
        // Twice through the same context logger: the second event may share what the first captured.
        var value = LogLarge(logger, (log, text) =>
        {
            var context = log.ForContext("Large", text);
            context.Information("first");
            context.Information("second");
        });
        await Server.WaitForDocumentsAsync(2, Patience);

        AssertCollected(value);
        GC.KeepAlive(logger);
    }

    [Test]
    public async Task ALargeExceptionIsNotKeptAliveOnceItsEventIsDelivered()
    {
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger();
        var value = LogLargeException(logger);
        await Server.WaitForDocumentsAsync(1, Patience);

        AssertCollected(value);
        GC.KeepAlive(logger);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference LogLarge(ILogger logger, Action<ILogger, string> log)
    {
        var text = new string('v', 1024 * 1024);
        log(logger, text);
        return new WeakReference(text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference LogLargeException(ILogger logger)
    {
        var exception = new InvalidOperationException(new string('e', 1024 * 1024));
        logger.Error(exception, "failed");
        return new WeakReference(exception);
    }

    static void AssertCollected(WeakReference value)
    {
        // Delivery is settled just after the server stores the document: give the loop a moment to finish with it.
        for (var attempt = 0; attempt < 50 && value.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (value.IsAlive)
                Thread.Sleep(100);
        }
        Assert.That(value.IsAlive, Is.False, "the value is still referenced by the sink after its event was delivered");
    }
}
