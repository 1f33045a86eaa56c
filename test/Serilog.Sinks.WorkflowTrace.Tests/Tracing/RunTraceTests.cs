using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serilog.Context;
using Serilog.Extensions.Logging;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Tracing;

/// <summary>
/// The trace API: a run's extras on every event, whatever the logger; caller file and line; stages and jobs as
/// scopes with duration and outcome; spans; child runs; flushing on dispose.
/// </summary>
public class RunTraceTests : LoopbackServerTest
{
    static readonly TraceExtras Extras = new()
    {
        WorkflowName = "data-processing-pipeline",
        UserId = "user-123",
        TenantId = "tenant-456",
        Environment = "production",
        Tags = ["service:workflow", "team:data-engineering"],
        Metadata = new Dictionary<string, object?> { ["Region"] = "eu-west-1", ["Attempt"] = 2 },
    };

    Serilog.Core.Logger NewLogger() =>
        new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 100, flushInterval: TimeSpan.FromHours(1)).CreateLogger();

    IReadOnlyList<JsonElement> Sources() => Server.Documents.Select(d => d.Source).ToList();

    static string? Text(JsonElement document, string field) => document.TryGetProperty(field, out var value) ? value.ToString() : null;

    static void AssertRunFields(JsonElement document, string runId, string? parentRunId = null)
    {
        Assert.That(Text(document, "run_id"), Is.EqualTo(runId));
        Assert.That(Text(document, "parent_run_id"), Is.EqualTo(parentRunId));
        Assert.That(Text(document, "workflow_name"), Is.EqualTo("data-processing-pipeline"));
        Assert.That(Text(document, "user_id"), Is.EqualTo("user-123"));
        Assert.That(Text(document, "tenant_id"), Is.EqualTo("tenant-456"));
        Assert.That(Text(document, "environment"), Is.EqualTo("production"));
        Assert.That(document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "service:workflow", "team:data-engineering" }));
        Assert.That(document.GetProperty("metadata").GetProperty("Region").GetString(), Is.EqualTo("eu-west-1"));
        Assert.That(document.GetProperty("metadata").GetProperty("Attempt").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task EveryEventOfAGivenLoggerCarriesTheRunAndItsExtrasAndDisposingDeliversThem()
    {
        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "workflow-123", "parent-456", Extras))
        {
            trace.Info("🚀 Starting data processing workflow");
            trace.Debug("📊 Initializing data validation stage {Count}", 3);
            trace.Warning("⚠️ Warning message");
            trace.Error("❌ Error occurred");
        }

        // The flushing interval is an hour: only the trace's disposal can have sent them.
        var documents = Sources();
        Assert.That(documents.Select(d => Text(d, "level")), Is.EqualTo(new[] { "info", "debug", "warning", "error" }));
        foreach (var document in documents)
        {
            AssertRunFields(document, "workflow-123", "parent-456");
            Assert.That(Text(document, "cut_id"), Is.EqualTo("rent-456 -> flow-123"), "the last 8 characters of each id");
        }
        Assert.That(Text(documents[1], "message"), Is.EqualTo("📊 Initializing data validation stage 3"));
    }

    [Test]
    public async Task TheStaticLogAndMicrosoftLoggingCarryTheSameFields()
    {
        var previous = Log.Logger;
        Log.Logger = NewLogger();
        try
        {
            await using (var trace = WorkflowTracing.GetTrace("static-run", extras: Extras))
                trace.Info("through the static Log");

            using var factory = new SerilogLoggerFactory(Log.Logger);
            var melLogger = factory.CreateLogger<RunTraceTests>();
            await using (var trace = WorkflowTracing.GetTrace(melLogger, "mel-run", extras: Extras))
                trace.Info("through ILogger<T> with {Count} values", 1);
        }
        finally
        {
            await ((IAsyncDisposable)Log.Logger).DisposeAsync();
            Log.Logger = previous;
        }

        var documents = Sources();
        AssertRunFields(documents.Single(d => Text(d, "message") == "through the static Log"), "static-run");
        var mel = documents.Single(d => Text(d, "message") == "through ILogger<T> with 1 values");
        AssertRunFields(mel, "mel-run");
        Assert.That(mel.GetProperty("metadata").GetProperty("Count").GetInt32(), Is.EqualTo(1));
        Assert.That(Text(mel, "filename"), Is.EqualTo("RunTraceTests.cs"));
    }

    [Test]
    public async Task TheCallersFileAndLineAreRecorded()
    {
        using var logger = NewLogger();
        int line;
        await using (var trace = WorkflowTracing.GetTrace(logger, "lines"))
        {
            line = new StackFrame(0, true).GetFileLineNumber() + 1;
            trace.Info("here");
            trace.Info("{A} {B}", 1, "a string last: not the file name");
            trace.Exception(new InvalidOperationException("boom"), "failed at {Step}", "load");
        }

        var documents = Sources();
        Assert.That(documents.Select(d => Text(d, "filename")), Has.All.EqualTo("RunTraceTests.cs"));
        Assert.That(documents.Select(d => d.GetProperty("lineno").GetInt32()), Is.EqualTo(new[] { line, line + 1, line + 2 }));
        Assert.That(Text(documents[1], "message"), Is.EqualTo("1 a string last: not the file name"));
        var error = documents[2];
        Assert.That(Text(error, "level"), Is.EqualTo("error"));
        Assert.That(Text(error, "exception_type"), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(Text(error, "exception_message"), Is.EqualTo("boom"));
        Assert.That(Text(error, "stack_trace"), Does.Contain("InvalidOperationException: boom"));
    }

    [Test]
    public async Task StagesAndJobsNestAndEachEndsWithOneEventWithDurationAndOutcome()
    {
        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "scoped", extras: Extras))
        {
            await trace.StageAsync("extract", async stage =>
            {
                trace.Info("in the stage");
                await Task.Yield();
                await trace.JobAsync("download", async _ =>
                {
                    await Task.Delay(5);
                    // Code that knows nothing of the trace: it still carries the run, stage and job.
                    await Task.Run(() => logger.Information("from a child task"));
                });
            });

            var failure = new InvalidOperationException("bad rows");
            Assert.ThrowsAsync<InvalidOperationException>(() => trace.StageAsync("load", _ => throw failure));

            using (var manual = trace.Stage("report"))
                trace.Warning("no Complete() is called");
            trace.Info("after the stages");
        }

        var documents = Sources();
        string? StageOf(string message) => Text(documents.Single(d => Text(d, "message") == message), "stage_name");
        Assert.That(StageOf("in the stage"), Is.EqualTo("extract"));
        var child = documents.Single(d => Text(d, "message") == "from a child task");
        Assert.That(Text(child, "stage_name"), Is.EqualTo("extract"));
        Assert.That(Text(child, "job_name"), Is.EqualTo("download"));
        AssertRunFields(child, "scoped");
        Assert.That(StageOf("after the stages"), Is.Null, "leaving a scope takes its name away");

        var download = documents.Single(d => Text(d, "message")!.StartsWith("Job download"));
        Assert.That(Text(download, "message"), Does.StartWith("Job download succeeded in"));
        Assert.That(download.GetProperty("duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(5));
        Assert.That(Text(download, "stage_name"), Is.EqualTo("extract"), "the job is inside the stage");
        Assert.That(download.GetProperty("metadata").GetProperty("Outcome").GetString(), Is.EqualTo("succeeded"));

        var extract = documents.Single(d => Text(d, "message")!.StartsWith("Stage extract"));
        Assert.That(extract.GetProperty("duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(download.GetProperty("duration_ms").GetDouble()));

        var load = documents.Single(d => Text(d, "message")!.StartsWith("Stage load"));
        Assert.That(Text(load, "level"), Is.EqualTo("error"));
        Assert.That(Text(load, "exception_message"), Is.EqualTo("bad rows"));
        Assert.That(load.GetProperty("metadata").GetProperty("Outcome").GetString(), Is.EqualTo("failed"));

        var report = documents.Single(d => Text(d, "message")!.StartsWith("Stage report"));
        Assert.That(Text(report, "message"), Does.Contain("failed").And.Contain("without Complete()"));
    }

    [Test]
    public async Task SpansLinkTheDocumentsAndAnOuterActivityBecomesTheParent()
    {
        using var logger = NewLogger();
        using var outer = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        string runSpan, stageSpan;
        await using (var trace = WorkflowTracing.GetTrace(logger, "spans"))
        {
            runSpan = trace.Activity!.SpanId.ToHexString();
            Assert.That(trace.Activity.ParentSpanId, Is.EqualTo(outer.SpanId));
            trace.Info("in the run");
            using (var stage = trace.Stage("s"))
            {
                stageSpan = stage.Activity!.SpanId.ToHexString();
                trace.Info("in the stage");
                stage.Complete();
            }
        }
        outer.Stop();

        var documents = Sources();
        var run = documents.Single(d => Text(d, "message") == "in the run");
        var inStage = documents.Single(d => Text(d, "message") == "in the stage");
        Assert.That(Text(run, "trace_id"), Is.EqualTo(outer.TraceId.ToHexString()));
        Assert.That(Text(inStage, "trace_id"), Is.EqualTo(outer.TraceId.ToHexString()));
        Assert.That(Text(run, "span_id"), Is.EqualTo(runSpan));
        Assert.That(Text(run, "parent_span_id"), Is.EqualTo(outer.SpanId.ToHexString()));
        Assert.That(Text(inStage, "span_id"), Is.EqualTo(stageSpan));
        Assert.That(Text(inStage, "parent_span_id"), Is.EqualTo(runSpan));
    }

    [Test]
    public async Task AnOpenTelemetryStyleListenerSeesTheRunAndScopeSpansFromTheNamedSource()
    {
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Serilog.Sinks.WorkflowTrace",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (started) started.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);

        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "listened"))
        {
            await trace.StageAsync("extract", async _ => await trace.JobAsync("download", _ => Task.CompletedTask));
            Assert.ThrowsAsync<InvalidOperationException>(() => trace.JobAsync("broken", _ => throw new InvalidOperationException("no")));
        }

        Assert.That(WorkflowTracing.ActivitySourceName, Is.EqualTo("Serilog.Sinks.WorkflowTrace"));
        var names = started.Select(a => a.DisplayName).ToArray();
        Assert.That(names, Is.EqualTo(new[] { "job download", "stage extract", "job broken", "workflow run listened" }));
        var run = started.Single(a => a.DisplayName == "workflow run listened");
        var stage = started.Single(a => a.DisplayName == "stage extract");
        Assert.That(stage.ParentSpanId, Is.EqualTo(run.SpanId));
        Assert.That(started.Single(a => a.DisplayName == "job download").ParentSpanId, Is.EqualTo(stage.SpanId));
        Assert.That(started.Single(a => a.DisplayName == "job broken").Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(run.GetTagItem("workflow.run_id"), Is.EqualTo("listened"));
    }

    [Test]
    public async Task AChildRunNamesItsParentAndItsCutIdShowsBoth()
    {
        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "parent-run-00000001", extras: Extras))
        {
            await using var child = trace.StartChild("child-run-00000002", new TraceExtras { JobName = "child-job" });
            child.Info("from the child");
            Assert.That(child.Activity!.ParentSpanId, Is.EqualTo(trace.Activity!.SpanId));
        }

        var document = Sources().Single();
        AssertRunFields(document, "child-run-00000002", "parent-run-00000001");
        Assert.That(Text(document, "cut_id"), Is.EqualTo("00000001 -> 00000002"));
        Assert.That(Text(document, "job_name"), Is.EqualTo("child-job"));
    }

    [Test]
    public async Task FlushAsyncDeliversWithoutDisposingAndLoggingNeverWaits()
    {
        using var logger = NewLogger();
        var trace = WorkflowTracing.GetTrace(logger, "flushing");
        trace.Info("one");
        trace.Info("two");
        await trace.FlushAsync();
        Assert.That(Server.DocumentCount, Is.EqualTo(2), "delivered by the flush, not by the hour-long interval");

        Server.Faults.Delay(TimeSpan.FromSeconds(2));
        trace.Info("three, while the server is slow");
        Assert.That(Server.DocumentCount, Is.EqualTo(2), "the logging call returned before the server answered");
        await trace.DisposeAsync();
        Assert.That(Server.DocumentCount, Is.EqualTo(3));
    }

    [Test]
    public async Task WhileTheClusterIsDownAFlushSaysSoInsteadOfWaitingAndNothingIsLost()
    {
        await Server.StopAsync();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), maxRetries: 0), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            await using (var trace = WorkflowTracing.GetTrace(logger, "down"))
            {
                trace.Info("cannot be delivered yet");
                Assert.That(await trace.FlushAsync(), Is.False, "the attempt failed");
            }

            Assert.That(selfLog.Text, Does.Contain("run down ended; delivering its events failed for now, and they stay queued"));
            Assert.That(fallback.Events, Is.Empty, "still queued, not given up");
        }

        Assert.That(fallback.Events.Select(e => e.MessageTemplate.Text), Is.EqualTo(new[] { "cannot be delivered yet" }), "closing the logger reports it");
    }

    [Test]
    public async Task AFlushThatDeliveredEverythingSaysSo()
    {
        using var logger = NewLogger();
        await using var trace = WorkflowTracing.GetTrace(logger, "up");
        trace.Info("delivered");
        Assert.That(await trace.FlushAsync(), Is.True);
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AChildRunInheritsTheSettingsItDoesNotChange()
    {
        using var logger = NewLogger();
        await using var trace = WorkflowTracing.GetTrace(logger, "settings", extras: new TraceExtras { FlushTimeout = TimeSpan.FromSeconds(5), SampleProcessMetrics = true });
        await using var child = trace.StartChild("child", new TraceExtras { JobName = "j" });
        Assert.That(child.Extras.FlushTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(child.Extras.SampleProcessMetrics, Is.True);
        await using var quiet = trace.StartChild("quiet", new TraceExtras { SampleProcessMetrics = false });
        Assert.That(quiet.Extras.SampleProcessMetrics, Is.False, "a child can switch it off");
    }

    [Test]
    public async Task ProcessMetricsAreSampledWhenAsked()
    {
        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "metrics", extras: new TraceExtras { SampleProcessMetrics = true }))
        {
            trace.Info("one");
            trace.Info("two");
        }

        foreach (var document in Sources())
        {
            Assert.That(document.GetProperty("memory_usage_mb").GetDouble(), Is.GreaterThan(0));
            Assert.That(document.TryGetProperty("cpu_usage_percent", out _), Is.True);
        }
    }

    [Test]
    public async Task ANonW3CTraceIdFromTheSeedIsWrittenAsGiven()
    {
        using var logger = NewLogger();
        await using (var trace = WorkflowTracing.GetTrace(logger, "seed-ids", extras: new TraceExtras { TraceId = "trace-123", SpanId = "span-456" }))
        {
            Assert.That(trace.Activity, Is.Null);
            trace.Info("ids as given");
        }

        var document = Sources().Single();
        Assert.That(Text(document, "trace_id"), Is.EqualTo("trace-123"));
        Assert.That(Text(document, "span_id"), Is.EqualTo("span-456"));
    }

    [Test]
    public void ARunIdIsRequired() =>
        Assert.That(Assert.Throws<ArgumentException>(() => WorkflowTracing.GetTrace(" "))!.ParamName, Is.EqualTo("runId"));
}
