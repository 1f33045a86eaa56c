using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrapping;

/// <summary>
/// The index bootstrap is retried on its own schedule and never holds shipping up: in Silent mode events flow
/// while the template endpoint hangs; in Failure mode they wait, but closing the logger still ends in time and
/// reports them.
/// </summary>
public class BootstrapScheduleTests : LoopbackServerTest
{
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task InSilentModeEventsAreDeliveredWhileTheTemplateEndpointHangs()
    {
        Server.Faults.Delay(TimeSpan.FromMinutes(5), times: 1000, pathContains: "_template");
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: FlushInterval, timeout: RequestTimeout,
                bootstrapMode: WorkflowTraceBootstrapMode.Silent)
            .CreateLogger();
        for (var i = 0; i < 1000; i++)
            logger.Information("event {I}", i);

        // At most one request timeout for the first bootstrap attempt, then a few flush intervals.
        var allowed = RequestTimeout + FlushInterval * 10;
        var deadline = Stopwatch.StartNew();
        while (Server.DocumentCount < 1000 && deadline.Elapsed < allowed)
            await Task.Delay(20);

        Assert.That(Server.DocumentCount, Is.EqualTo(1000),
            $"delivered within one request timeout and ten flush intervals ({allowed.TotalSeconds:0.0} s) while the template endpoint hangs");
    }

    [Test]
    public void InFailureModeEventsWaitAndClosingStillEndsInTimeReportingThem()
    {
        var shutdownTimeout = TimeSpan.FromSeconds(2);
        Server.Faults.Delay(TimeSpan.FromMinutes(5), times: 1000, pathContains: "_template");
        var fallback = new ListSink();
        var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: FlushInterval, timeout: RequestTimeout,
                    bootstrapMode: WorkflowTraceBootstrapMode.Failure, shutdownTimeout: shutdownTimeout),
                wt => wt.Sink(fallback))
            .CreateLogger();
        for (var i = 0; i < 500; i++)
            logger.Information("event {I}", i);

        var watch = Stopwatch.StartNew();
        var closing = Task.Run(logger.Dispose);
        closing.Wait(shutdownTimeout * 2.5);

        Assert.That(closing.IsCompleted, Is.True, $"Dispose still running after {watch.Elapsed.TotalSeconds / shutdownTimeout.TotalSeconds:0.0}× the shutdown timeout");
        Assert.That(Server.DocumentCount, Is.Zero, "nothing is written before the template is in place");
        Assert.That(fallback.Events, Has.Count.EqualTo(500), "every waiting event reported");
    }
}
