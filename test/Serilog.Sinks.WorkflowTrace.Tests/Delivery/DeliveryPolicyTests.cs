using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// The delivery loop's policy below HTTP, with a scripted transport: a failing batch is retried with back-off for
/// <c>retryTimeLimit</c> (on a fake clock) and then reported; closing cancels a request that never answers.
/// </summary>
public partial class DeliveryPolicyTests
{
    static (Logger Logger, RecordingFailureListener Listener) Sink(ScriptedTransport transport, TimeProvider time, Action<WorkflowTraceSettingsBuilder> configure)
    {
        var (_, logger, listener) = SinkAndLogger(transport, time, configure);
        return (logger, listener);
    }

    /// <summary>The sink on <paramref name="transport"/> (for <c>Some.*</c> events) and a logger that owns it.</summary>
    static (ILogEventSink Sink, Logger Logger, RecordingFailureListener Listener) SinkAndLogger(ScriptedTransport transport, TimeProvider time, Action<WorkflowTraceSettingsBuilder> configure)
    {
        var builder = new WorkflowTraceSettingsBuilder { BootstrapMode = WorkflowTraceBootstrapMode.None, MaxRetries = 0, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        configure(builder);
        var sink = WorkflowTraceSinkFactory.Create(builder.Build(), transport, time);
        var listener = new RecordingFailureListener();
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        return (sink, new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), listener);
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="condition"/> holds (or real patience runs out).</summary>
    static async Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < Eventually.Patience)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Test]
    public async Task ABatchThatKeepsFailingIsRetriedWithBackOffForTheRetryTimeLimitAndThenReported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var transport = new ScriptedTransport { Bulk = (_, _, _) => Task.FromResult(ScriptedTransport.Status(503, """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""")) };
        var retryTimeLimit = TimeSpan.FromSeconds(30);
        var (sink, logger, listener) = SinkAndLogger(transport, time, b =>
        {
            b.FlushInterval = TimeSpan.FromSeconds(1);
            b.RetryTimeLimit = retryTimeLimit;
        });
        using var selfLog = new SelfLogCollector();
        var neverAccepted = Some.InformationEvent();
        sink.Emit(neverAccepted);

        var started = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        while (!listener.Failures.Any(f => f.Kind == LoggingFailureKind.Permanent) && watch.Elapsed < Eventually.Patience)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var givenUp = listener.Failures.Single(f => f.Kind == LoggingFailureKind.Permanent);
        var fakeElapsed = time.GetUtcNow() - started;
        Assert.Multiple(() =>
        {
            Assert.That(givenUp.Events.Single().MessageTemplate.Text, Is.EqualTo(neverAccepted.MessageTemplate.Text));
            Assert.That(givenUp.Message, Does.Contain("retryTimeLimit").And.Contain("503").And.Contain("primary shard is not active"), "the reason");
            Assert.That(fakeElapsed, Is.GreaterThanOrEqualTo(retryTimeLimit / 2), "retried for the window, not given up at once");
            Assert.That(fakeElapsed, Is.LessThan(retryTimeLimit * 2), "and not much longer");
            Assert.That(transport.BulkCalls, Is.InRange(3, 10), "a handful of attempts with growing back-off, not a hot loop");
            Assert.That(listener.Failures.Count(f => f.Kind == LoggingFailureKind.Temporary), Is.EqualTo(transport.BulkCalls - 1), "each retried attempt was heard of");
            Assert.That(selfLog.Text, Does.Contain("1 event(s)").And.Contain("primary shard is not active"), "SelfLog has the count and the reason");
        });
        logger.Dispose();
    }

    [Test]
    public void ClosingCancelsARequestThatNeverAnswersAtTheShutdownDeadlineAndReportsItsEvents()
    {
        var transport = new ScriptedTransport { Bulk = (_, _, token) => ScriptedTransport.Hang(token) };
        var shutdownTimeout = TimeSpan.FromMilliseconds(500);
        var (sink, logger, listener) = SinkAndLogger(transport, TimeProvider.System, b => b.ShutdownTimeout = shutdownTimeout);
        var waiting = Some.InformationEvents(10);
        foreach (var logEvent in waiting)
            sink.Emit(logEvent);
        SpinWait.SpinUntil(() => transport.BulkCalls > 0, Eventually.Patience);

        var watch = Stopwatch.StartNew();
        logger.Dispose();

        Assert.That(watch.Elapsed, Is.LessThan(shutdownTimeout * 4), "Dispose returned soon after the deadline");
        Assert.That(transport.Cancelled, Is.EqualTo(1), "the request in flight was cancelled through its token");
        var reported = listener.Failures.Where(f => f.Kind == LoggingFailureKind.Final).SelectMany(f => f.Events).ToList();
        Assert.That(reported.Select(e => e.MessageTemplate.Text), Is.EquivalentTo(waiting.Select(e => e.MessageTemplate.Text)), "every event reported");
        Assert.That(listener.Failures.Last().Message, Does.Contain("10 event(s) were not delivered").And.Contain("shutdownTimeout"));
    }

    [Test]
    public async Task AFailingTemplateEndpointIsTriedOnItsOwnBackOffNotBeforeEveryBatch()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var transport = new ScriptedTransport
        {
            Bulk = (request, _, _) => ScriptedTransport.Accept(request),
            Other = request => request.PathAndQuery.Contains("_template", StringComparison.Ordinal)
                ? ScriptedTransport.Status(500, """{"error":{"type":"illegal_state_exception","reason":"template store unavailable"},"status":500}""")
                : ScriptedTransport.Status(200, """{"version":{"number":"8.15.0"}}"""),
        };
        var (logger, listener) = Sink(transport, time, b =>
        {
            b.BootstrapMode = WorkflowTraceBootstrapMode.Silent;
            b.FlushInterval = TimeSpan.FromSeconds(1);
        });
        using var selfLog = new SelfLogCollector();

        const int batches = 30;
        for (var i = 0; i < batches; i++)
        {
            logger.Information("batch {I}", i);
            var watch = Stopwatch.StartNew();
            while (transport.BulkCalls <= i && watch.Elapsed < Eventually.Patience)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(2);
            }
        }

        Assert.That(transport.BulkCalls, Is.EqualTo(batches), "every batch shipped while the bootstrap failed");
        var attempts = transport.OtherCalls("_index_template");
        Assert.That(attempts, Is.GreaterThan(1), "the bootstrap was tried again");
        Assert.That(attempts, Is.LessThanOrEqualTo(2 * 6), $"at most about log2 of the time passed in attempts (one GET and at most one PUT each), not one per batch ({batches})");
        Assert.That(selfLog.Text, Does.Contain("template store unavailable"));
        Assert.That(listener.Failures, Is.Empty);
        logger.Dispose();
    }

    [Test]
    public void TheRetryBackOffStartsAtTheFlushIntervalAndDoublesUpToAMinute()
    {
        var time = new FakeTimeProvider();
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), time);
        var delays = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            Assert.That(schedule.MarkFailure(), Is.False, "well within the retry time limit");
            delays.Add(schedule.NextDelay.TotalSeconds);
            time.Advance(schedule.NextDelay);
        }
        Assert.That(delays, Is.EqualTo(new double[] { 2, 4, 8, 16, 32, 60, 60, 60 }));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(schedule.MarkFailure(), Is.True, "given up once failing for the retry time limit");
        schedule.MarkSuccess();
        Assert.That(schedule.MarkFailure(), Is.False, "a success ends the streak");
    }

    [Test]
    public void AVeryLongFlushIntervalDoesNotHoldAFailedBatchForAsLong()
    {
        var schedule = new RetrySchedule(TimeSpan.FromHours(1), TimeSpan.FromHours(2), new FakeTimeProvider());
        schedule.MarkFailure();
        Assert.That(schedule.NextDelay, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }
}
