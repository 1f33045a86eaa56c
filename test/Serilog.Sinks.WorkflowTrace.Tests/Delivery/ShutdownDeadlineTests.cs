using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Closing the logger ends within <c>shutdownTimeout</c> whatever the cluster does, with a full queue, and every
/// event it could not deliver is reported with the count and the reason. Times are compared with the configured
/// timeout, never with a fixed figure.
/// </summary>
public class ShutdownDeadlineTests : LoopbackServerTest
{
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How much longer than <see cref="ShutdownTimeout"/> a shutdown may take (reporting, thread start-up).</summary>
    const double Allowance = 2.5;

    const int Queued = 100_000;

    public enum Cluster { Refusing, Hanging, Slow, TooManyRequests }

    async Task Behave(Cluster cluster)
    {
        switch (cluster)
        {
            case Cluster.Refusing:
                await Server.StopAsync();
                break;
            case Cluster.Hanging:
                Server.Faults.Delay(TimeSpan.FromMinutes(10), times: 10_000);
                break;
            case Cluster.Slow:
                Server.Faults.DelayResponse(TimeSpan.FromSeconds(1.5), times: 10_000);
                break;
            case Cluster.TooManyRequests:
                Server.Faults.FailWithStatus(429, times: 100_000);
                break;
        }
    }

    static Task CloseWithin(Action close, TimeSpan limit, out Stopwatch watch)
    {
        watch = Stopwatch.StartNew();
        var closing = Task.Run(close);
        closing.Wait(limit);
        return closing;
    }

    [TestCase(Cluster.Refusing)]
    [TestCase(Cluster.Hanging)]
    [TestCase(Cluster.Slow)]
    [TestCase(Cluster.TooManyRequests)]
    public async Task DisposeEndsWithinTheShutdownTimeoutAndReportsWhatItCouldNotDeliver(Cluster cluster)
    {
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), timeout: TimeSpan.FromSeconds(1), shutdownTimeout: ShutdownTimeout),
                wt => wt.Sink(fallback))
            .CreateLogger();
        await Behave(cluster);
        for (var i = 0; i < Queued; i++)
            logger.Information("queued {I}", i);

        var limit = ShutdownTimeout * Allowance;
        var closing = CloseWithin(logger.Dispose, limit, out var watch);
        TestContext.Out.WriteLine($"{cluster}: Dispose took {watch.Elapsed.TotalSeconds / ShutdownTimeout.TotalSeconds:0.00}× the shutdown timeout; {fallback.Events.Count} event(s) reported");

        Assert.That(closing.IsCompleted, Is.True,
            $"Dispose against a {cluster} cluster still running after {watch.Elapsed.TotalSeconds / ShutdownTimeout.TotalSeconds:0.0}× the shutdown timeout");
        // A request cancelled at the deadline may have been stored all the same: such an event is both stored and
        // reported. What must never happen is an event neither stored nor reported.
        var stored = cluster == Cluster.Refusing ? [] : Server.Documents.Select(d => d.Source.GetProperty("message").GetString()!).ToHashSet();
        var reported = fallback.Events.Select(e => e.RenderMessage()).ToHashSet();
        var lost = Enumerable.Range(0, Queued).Count(i => !stored.Contains($"queued {i}") && !reported.Contains($"queued {i}"));
        Assert.That(lost, Is.Zero, "events neither delivered nor reported");
        Assert.That(reported, Is.Not.Empty, "the cluster could not take everything in time");
        Assert.That(selfLog.Text, Does.Contain($"{reported.Count} event(s) were not delivered"), "SelfLog names the count and the reason");
    }

    [Test]
    public async Task CloseAndFlushAsyncEndsWithinTheShutdownTimeoutWhenTheClusterHangs()
    {
        var fallback = new ListSink();
        Log.Logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), timeout: TimeSpan.FromSeconds(1), shutdownTimeout: ShutdownTimeout),
                wt => wt.Sink(fallback))
            .CreateLogger();
        Server.Faults.Delay(TimeSpan.FromMinutes(10), times: 10_000);
        for (var i = 0; i < 1000; i++)
            Log.Information("queued {I}", i);

        var watch = Stopwatch.StartNew();
        var closing = Log.CloseAndFlushAsync().AsTask();
        await Task.WhenAny(closing, Task.Delay(ShutdownTimeout * Allowance));

        Assert.That(closing.IsCompleted, Is.True,
            $"CloseAndFlushAsync still running after {watch.Elapsed.TotalSeconds / ShutdownTimeout.TotalSeconds:0.0}× the shutdown timeout");
        Assert.That(fallback.Events, Has.Count.EqualTo(1000), "every event reported");
    }
}
