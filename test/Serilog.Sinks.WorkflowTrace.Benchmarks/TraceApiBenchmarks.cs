using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Serilog.Core;
using Serilog.Core.Enrichers;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// The trace API's cost per call against a plain Serilog <c>ILogger</c> writing the same event with the same
/// properties into the same sink (issue 18 point 3). Three groups, each with its own baseline:
/// <list type="bullet">
/// <item><c>Info</c>: <c>logger.Information(template, a, b)</c> on a context logger carrying what the trace adds
/// (RunId, ParentRunId, WorkflowName, Environment, SourceFile, SourceLine, and StageName/JobName where a scope is
/// open) against <c>RunTrace.Info(template, a, b)</c> on the run, inside a stage and inside a job.</item>
/// <item><c>InfoInStage</c> / <c>InfoInJob</c>: the same inside a stage, and inside a job inside that stage, against a
/// context logger carrying StageName (and JobName) too.</item>
/// <item><c>StagePair</c> / <c>JobPair</c> (the job inside an open stage): opening and closing a scope (which writes one closing event with the
/// outcome and <c>duration_ms</c>) against what the same takes by hand: a context logger for the stage or job, a
/// stopwatch, and that one event; and the same with a span made by hand (<c>...WithSpan</c>), as the scope makes
/// one, to show the spans' share apart from the rest.</item>
/// </list>
/// Run with a no-op sink (the API's own overhead) and with the real <see cref="CallSiteCaptureSink"/>, whose queue
/// is emptied every 4,096 events as the delivery loop would (inline, as in <see cref="CaptureBenchmarks"/>: an
/// <c>[IterationCleanup]</c> would make BenchmarkDotNet run one call per iteration). No ActivityListener is
/// registered: the trace still makes its spans by hand, as it does in an application without OpenTelemetry.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class TraceApiBenchmarks
{
    const string RunId = "run-20300102-5f0c8e2a9b7d4c31";
    const string ParentRunId = "run-20300101-0a1b2c3d4e5f6a7b";
    const string WorkflowName = "nightly-billing";
    const string Environment = "production";
    const string StageName = "extract";
    const string JobName = "load-invoices";
    const string StageTemplate = "Stage {StageName} {Outcome} in {DurationMs} ms";
    const string JobTemplate = "Job {JobName} {Outcome} in {DurationMs} ms";

    /// <summary>The sink both loggers write into: <c>NoOp</c> or <c>Capture</c> (the sink's real logging-thread step).</summary>
    [Params("NoOp", "Capture")]
    public string Sink { get; set; } = "NoOp";

    Logger? _root;
    ILogger _runLogger = null!;
    ILogger _stageLogger = null!;
    ILogger _jobLogger = null!;
    RunTrace? _trace;
    RunTraceScope? _stage;
    RunTraceScope? _job;
    CaptureQueue? _queue;
    FailureCounter? _failures;
    readonly List<CapturedEvent> _drained = new(4096);
    int _recordCount;
    int _events;

    [GlobalSetup]
    public void Setup()
    {
        ILogEventSink sink = new NoOpSink();
        if (Sink == "Capture")
        {
            _failures = new FailureCounter();
            var ledger = new DeliveryLedger();
            ledger.SetFailureListener(_failures);
            _queue = new CaptureQueue();
            sink = new CallSiteCaptureSink(_queue, ledger, int.MaxValue);
        }
        _root = BenchmarkEvents.CreateLogger(sink);

        // What the trace adds to an Info event: the run's context and the caller's file and line.
        var property = static (TraceField field, object value) => new PropertyEnricher(TraceContract.Of(field).PropertyName, value);
        _runLogger = _root.ForContext(
        [
            property(TraceField.RunId, RunId),
            property(TraceField.ParentRunId, ParentRunId),
            property(TraceField.WorkflowName, WorkflowName),
            property(TraceField.Environment, Environment),
            property(TraceField.Filename, "/src/app/Worker.cs"),
            property(TraceField.Lineno, 42),
        ]);
        _stageLogger = _runLogger.ForContext(TraceContract.Of(TraceField.StageName).PropertyName, StageName);
        _jobLogger = _stageLogger.ForContext(TraceContract.Of(TraceField.JobName).PropertyName, JobName);
    }

    // The trace benchmarks' setups (the baselines' run with no trace open, as a plain application's would). Scopes
    // opened here stay open for the whole run: set in a synchronous method, the async-local context persists into
    // the benchmark calls.
    [GlobalSetup(Targets = [nameof(TraceInfo), nameof(TraceStagePair)])]
    public void SetupRun() => OpenTrace(stage: false, job: false);

    [GlobalSetup(Targets = [nameof(TraceInfoInStage), nameof(TraceJobPair)])]
    public void SetupStage() => OpenTrace(stage: true, job: false);

    [GlobalSetup(Target = nameof(TraceInfoInJob))]
    public void SetupJob() => OpenTrace(stage: true, job: true);

    void OpenTrace(bool stage, bool job)
    {
        Setup();
        _trace = WorkflowTracing.GetTrace(_root!, RunId, ParentRunId, new TraceExtras { WorkflowName = WorkflowName, Environment = Environment });
        if (stage)
            _stage = _trace.Stage(StageName);
        if (job)
            _job = _trace.Job(JobName);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _job?.Complete();
        _job?.Dispose();
        _stage?.Complete();
        _stage?.Dispose();
        _trace?.Dispose();
        _root?.Dispose();
        if (_failures is { Count: > 0 })
            throw new InvalidOperationException($"The capture sink rejected {_failures.Count} event(s), so the figures are not those of the accepting path: {_failures.First}");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Info")]
    public void LoggerInfo()
    {
        _runLogger.Information(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark, BenchmarkCategory("Info")]
    public void TraceInfo()
    {
        _trace!.Info(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("InfoInStage")]
    public void LoggerInfoInStage()
    {
        _stageLogger.Information(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark, BenchmarkCategory("InfoInStage")]
    public void TraceInfoInStage()
    {
        _trace!.Info(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("InfoInJob")]
    public void LoggerInfoInJob()
    {
        _jobLogger.Information(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark, BenchmarkCategory("InfoInJob")]
    public void TraceInfoInJob()
    {
        _trace!.Info(BenchmarkEvents.MessageTemplate, ++_recordCount, BenchmarkEvents.Customer);
        Drain();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("StagePair")]
    public void LoggerStagePair()
    {
        var logger = _runLogger.ForContext(TraceContract.Of(TraceField.StageName).PropertyName, StageName);
        var started = Stopwatch.GetTimestamp();
        logger.Information(StageTemplate, StageName, "succeeded", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
        Drain();
    }

    /// <summary>The hand-written stage with a span too, made as the trace makes its own without a listener: the share of the spans.</summary>
    [Benchmark, BenchmarkCategory("StagePair")]
    public void LoggerStagePairWithSpan()
    {
        var logger = _runLogger.ForContext(TraceContract.Of(TraceField.StageName).PropertyName, StageName);
        using var span = StartSpan("stage " + StageName, "workflow.stage", StageName);
        var started = Stopwatch.GetTimestamp();
        var duration = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        logger.Information(StageTemplate, StageName, "succeeded", duration);
        EndSpan(span, duration);
        Drain();
    }

    [Benchmark, BenchmarkCategory("StagePair")]
    public void TraceStagePair()
    {
        using (var stage = _trace!.Stage(StageName))
            stage.Complete();
        Drain();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("JobPair")]
    public void LoggerJobPair()
    {
        var logger = _stageLogger.ForContext(TraceContract.Of(TraceField.JobName).PropertyName, JobName);
        var started = Stopwatch.GetTimestamp();
        logger.Information(JobTemplate, JobName, "succeeded", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
        Drain();
    }

    /// <summary>The hand-written job with a span too: the share of the spans.</summary>
    [Benchmark, BenchmarkCategory("JobPair")]
    public void LoggerJobPairWithSpan()
    {
        var logger = _stageLogger.ForContext(TraceContract.Of(TraceField.JobName).PropertyName, JobName);
        using var span = StartSpan("job " + JobName, "workflow.job", JobName);
        var started = Stopwatch.GetTimestamp();
        var duration = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        logger.Information(JobTemplate, JobName, "succeeded", duration);
        EndSpan(span, duration);
        Drain();
    }

    [Benchmark, BenchmarkCategory("JobPair")]
    public void TraceJobPair()
    {
        using (var job = _trace!.Job(JobName))
            job.Complete();
        Drain();
    }

    static Activity StartSpan(string name, string tag, string value)
    {
        var span = new Activity(name);
        span.SetIdFormat(ActivityIdFormat.W3C);
        span.SetTag("workflow.run_id", RunId);
        span.SetTag(tag, value);
        return span.Start();
    }

    static void EndSpan(Activity span, double duration)
    {
        span.SetTag("workflow.outcome", "succeeded");
        span.SetTag("workflow.duration_ms", duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
        span.Stop();
    }

    /// <summary>Empties the capture queue every 4,096 events, as the delivery loop would.</summary>
    void Drain()
    {
        if (_queue is null || (++_events & 4095) != 0)
            return;
        _queue.Take(4096, _drained);
        foreach (var captured in _drained)
            captured.TryMarkDelivered();
        _queue.Recycle(_drained);
        _drained.Clear();
    }
}
