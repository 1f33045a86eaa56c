using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// <see cref="WorkflowTracing.FlushAsync"/> sends what is queued and waits for it: it costs no memory that stays
/// behind however often it is called, and it gives up when its cancellation token says so.
/// </summary>
public class FlushMemoryTests : LoopbackServerTest
{
    [Test]
    public async Task ManyFlushesWhileTheClusterHangsDoNotGrowTheHeap()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(30), times: 100);
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 10_000, timeout: TimeSpan.FromSeconds(20), shutdownTimeout: TimeSpan.FromSeconds(1))
            .CreateLogger();
        logger.Information("held up by the hanging cluster");
        await Eventually.WaitFor(() => BulkRequests.Of(Server).Count > 0, "the first request is on its way");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 400; i++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(1));
            try
            {
                await WorkflowTracing.FlushAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // The flush gave up as asked; what matters is what it left behind.
            }
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.That(after - before, Is.LessThan(2 * 1024 * 1024), $"400 flushes left {(after - before) / 1024} KiB behind");
    }

    [Test]
    public async Task AFlushGivesUpWhenItsTokenIsCancelled()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(30), times: 100);
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, timeout: TimeSpan.FromSeconds(20), shutdownTimeout: TimeSpan.FromSeconds(1))
            .CreateLogger();
        logger.Information("held up by the hanging cluster");

        var wait = TimeSpan.FromMilliseconds(300);
        using var cancel = new CancellationTokenSource(wait);
        var watch = Stopwatch.StartNew();
        Assert.That(async () => await WorkflowTracing.FlushAsync(cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(watch.Elapsed, Is.LessThan(wait * 10), "it returned when cancelled, not when the request timed out");
    }

    [Test]
    public async Task AFlushSendsWhatIsQueuedWithoutWaitingForTheInterval()
    {
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 1000, flushInterval: TimeSpan.FromHours(1))
            .CreateLogger();
        logger.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);
        for (var i = 0; i < 25; i++)
            logger.Information("queued {I}", i);

        Assert.That(await WorkflowTracing.FlushAsync(), Is.True);
        Assert.That(Server.DocumentCount, Is.EqualTo(26), "everything logged before the flush was delivered when it returned");
    }
}
