using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>bufferSize, flushInterval, the queue limit, and Dispose/CloseAndFlush delivering what is buffered.</summary>
public class BufferingTests : LoopbackServerTest
{
    static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Test]
    public void NoRequestCarriesMoreThanBufferSizeDocuments()
    {
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 5).CreateLogger())
        {
            for (var i = 0; i < 23; i++)
                logger.Information("event {I}", i);
        }

        var sizes = BulkRequests.Of(Server).Select(r => BulkRequests.Ids(r).Count).ToList();
        Assert.That(sizes.Sum(), Is.EqualTo(23));
        Assert.That(sizes, Has.All.LessThanOrEqualTo(5));
        Assert.That(Server.DocumentCount, Is.EqualTo(23));
    }

    [Test]
    public async Task AFullBufferIsSentWithoutWaitingForTheInterval()
    {
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 10, flushInterval: Never).CreateLogger();
        logger.Information("first"); // the first event is sent at once, so a trace shows up immediately
        await Server.WaitForDocumentsAsync(1, Patience);

        for (var i = 0; i < 10; i++)
            logger.Information("event {I}", i);

        // With an hour-long interval, only a full buffer can have triggered this.
        await Server.WaitForDocumentsAsync(11, Patience);
        Assert.That(BulkRequests.Ids(BulkRequests.Of(Server)[^1]), Has.Count.EqualTo(10));
    }

    [Test]
    public async Task APartialBufferIsSentWhenTheIntervalElapses()
    {
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: TimeSpan.FromMilliseconds(100))
            .CreateLogger();
        logger.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);
        logger.Information("second");
        logger.Information("third");

        // Not disposed, buffer far from full: only the interval sends these.
        await Server.WaitForDocumentsAsync(3, Patience);
    }

    [Test]
    public async Task DisposeDeliversEverythingBufferedBeforeReturning()
    {
        var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 1000, flushInterval: Never).CreateLogger();
        logger.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);
        for (var i = 0; i < 250; i++)
            logger.Information("buffered {I}", i);

        logger.Dispose();

        Assert.That(Server.DocumentCount, Is.EqualTo(251), "no waiting after Dispose: it returned only when all were delivered");
    }

    [Test]
    public async Task CloseAndFlushDeliversEverythingBuffered()
    {
        Log.Logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), flushInterval: Never).CreateLogger();
        Log.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);
        for (var i = 0; i < 42; i++)
            Log.Information("buffered {I}", i);

        await Log.CloseAndFlushAsync();

        Assert.That(Server.DocumentCount, Is.EqualTo(43));
    }

    [Test]
    public async Task DisposeDeliversABatchWhoseLastAttemptFailed()
    {
        // Serilog's batching holds a failed batch for a retry after its back-off; if the logger is closed in
        // the meantime, the sink must still try it once more rather than let it vanish.
        Server.Faults.FailWithStatus(503);
        var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), maxRetries: 0, flushInterval: Never).CreateLogger();
        logger.Information("held for retry");
        while (BulkRequests.Of(Server).Count == 0)
            await Task.Delay(10);

        logger.Dispose();

        Assert.That(Server.Documents.Single().Source.GetProperty("message").GetString(), Is.EqualTo("held for retry"));
    }

    [Test]
    public void WhenNothingCanBeDeliveredDisposeReportsEveryEventAndReturns()
    {
        var fallback = new ListSink();
        var deadUrl = $"http://127.0.0.1:{FreePort()}/";
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(
                       wt => wt.WorkflowTrace(hosts: deadUrl, maxRetries: 0, flushInterval: Never, timeout: TimeSpan.FromSeconds(5)),
                       wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            for (var i = 0; i < 7; i++)
                logger.Information("lost {I}", i);
        }

        Assert.That(fallback.Events.Select(e => e.Properties["I"].ToString()).Distinct().Count(), Is.EqualTo(7),
            "every event is handed to the failure listener (the fallback sink)");
    }

    [Test]
    public async Task EventsBeyondTheQueueLimitAreReportedNotSilentlyDropped()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(3));
        var fallback = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(
                       wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 5, queueLimit: 10),
                       wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("first, held up by the slow server");
            while (BulkRequests.Of(Server).Count == 0 && Server.Requests.Count == 0)
                await Task.Delay(10);
            for (var i = 0; i < 40; i++)
                Assert.DoesNotThrow(() => logger.Information("burst {I}", i), "nothing escapes into the logging call");
        }

        Assert.That(fallback.Events, Is.Not.Empty, "the queue limit was reached");
        Assert.That(Server.DocumentCount + fallback.Events.Count, Is.EqualTo(41), "every event was delivered or reported");
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
