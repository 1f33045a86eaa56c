using System.Diagnostics;
using System.Globalization;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tracing;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// A stage or job of a <see cref="RunTrace"/>: while it is open, every event inside it — across awaits and child
/// tasks — carries its name (<c>stage_name</c> or <c>job_name</c>) and its span. Scopes nest: a job inside a stage
/// inside the run. Disposing it writes one event with <c>duration_ms</c> and the outcome: succeeded after
/// <see cref="Complete"/>, failed (with the exception) after <see cref="Fail"/> — and failed too when neither was
/// called, as when an exception left a <c>using</c> block.
/// </summary>
public sealed class RunTraceScope : IDisposable, IAsyncDisposable
{
    const string StageTemplate = "Stage {StageName} {Outcome} in {DurationMs} ms";
    const string JobTemplate = "Job {JobName} {Outcome} in {DurationMs} ms";
    const string StageEndedWithoutCompleteTemplate = StageTemplate + " (it ended without Complete())";
    const string JobEndedWithoutCompleteTemplate = JobTemplate + " (it ended without Complete())";

    readonly RunTrace _trace;
    readonly TraceFrame _frame;
    readonly AmbientEntry _entry;
    readonly AmbientEntry? _previous;
    readonly Activity? _activity;
    readonly long _started;
    Exception? _failure;
    int _ended;

    internal RunTraceScope(RunTrace trace, TraceScopeKind kind, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"A {kind.ToString().ToLowerInvariant()} needs a name.", nameof(name));
        _trace = trace;
        Kind = kind;
        Name = name.Trim();
        var parent = trace.CurrentFrame();
        _frame = kind == TraceScopeKind.Stage
            ? parent.WithStage(Name)
            : parent.WithJob(Name);
        if (trace.SpansEnabled)
        {
            _activity = TraceActivities.Start(_frame.SpanName!,
                "workflow.run_id", trace.RunId, kind == TraceScopeKind.Stage ? "workflow.stage" : "workflow.job", Name);
        }
        _entry = TraceFrame.Enter(_frame, out _previous);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The trace the scope belongs to.</summary>
    public RunTrace Trace => _trace;

    /// <summary>Stage or job.</summary>
    public TraceScopeKind Kind { get; }

    /// <summary>The stage's or job's name.</summary>
    public string Name { get; }

    /// <summary>The scope's span; null when the trace makes none.</summary>
    public Activity? Activity => _activity;

    /// <summary>How the scope ended; null while it is open.</summary>
    public TraceScopeOutcome? Outcome { get; private set; }

    /// <summary>Marks the scope succeeded; its closing event says so.</summary>
    public void Complete()
    {
        if (_failure is null)
            Outcome = TraceScopeOutcome.Succeeded;
    }

    /// <summary>Marks the scope failed, with the exception that made it fail; its closing event is an error carrying it.</summary>
    /// <param name="exception">Why it failed.</param>
    public void Fail(Exception? exception = null)
    {
        _failure = exception ?? new InvalidOperationException($"{Kind} '{Name}' was marked failed.");
        Outcome = TraceScopeOutcome.Failed;
    }

    /// <summary>Writes the closing event (<c>duration_ms</c>, outcome), ends the span and leaves the scope.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;

        var duration = Math.Round(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, 3);
        if (Outcome is null)
        {
            Outcome = TraceScopeOutcome.Failed;
            _failure = null;
        }

        var succeeded = Outcome == TraceScopeOutcome.Succeeded;
        var outcome = succeeded ? "succeeded" : "failed";
        var template = Kind == TraceScopeKind.Stage
            ? _failure is null && !succeeded ? StageEndedWithoutCompleteTemplate : StageTemplate
            : _failure is null && !succeeded ? JobEndedWithoutCompleteTemplate : JobTemplate;
        _trace.Write(_frame, succeeded ? LogEventLevel.Information : LogEventLevel.Error, _failure, template, [Name, outcome, duration], "", 0);

        if (_activity is not null)
        {
            _activity.SetTag("workflow.outcome", outcome);
            _activity.SetTag("workflow.duration_ms", duration.ToString(CultureInfo.InvariantCulture));
            if (!succeeded)
                _activity.SetStatus(ActivityStatusCode.Error, _failure?.Message ?? "ended without Complete()");
            _activity.Stop();
        }

        TraceFrame.Leave(_entry, _previous);
    }

    /// <summary>As <see cref="Dispose"/>; nothing in it waits.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
