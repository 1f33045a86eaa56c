using System.Diagnostics;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Tracing;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// One workflow run, the .NET counterpart of the Python handler's <c>get_trace(run_id, parent_run_id, extras)</c>: every
/// event it writes — and every event other code logs inside it, across awaits and child tasks — carries the run's
/// id and extras in the contract's fields. Stages and jobs are scopes (<see cref="Stage"/>, <see cref="Job"/>,
/// <see cref="StageAsync"/>, <see cref="JobAsync"/>) with spans of their own. <c>await using</c> ends the run's
/// span and waits until its events are in Elasticsearch (the Python handler's <c>close()</c>); the logging calls themselves
/// never wait for the network. Create one with <see cref="WorkflowTracing.GetTrace(string, string?, TraceExtras?)"/>.
/// </summary>
public sealed partial class RunTrace : IDisposable, IAsyncDisposable
{
    readonly ITraceTarget _target;
    readonly TraceExtras _extras;
    readonly TraceFrame _frame;
    readonly AmbientEntry _entry;
    readonly AmbientEntry? _previousEntry;
    readonly Activity? _activity;
    int _ended;

    internal RunTrace(ITraceTarget target, ILogger? logger, string runId, string? parentRunId, TraceExtras? extras)
    {
        if (string.IsNullOrWhiteSpace(runId))
            throw new ArgumentException("A trace needs a run id (runId): a non-empty text that identifies the workflow run.", nameof(runId));
        if (parentRunId is not null && string.IsNullOrWhiteSpace(parentRunId))
            parentRunId = null;

        extras?.Validate(nameof(extras));

        _target = target;
        Logger = logger;
        _extras = extras ?? new TraceExtras();
        RunId = runId.Trim();
        ParentRunId = parentRunId?.Trim();

        // A W3C trace id (or none) means spans; another form of id (the Python handler's "trace-123") is written as given.
        SpansEnabled = _extras.TraceId is null || TraceActivities.IsW3CTraceId(_extras.TraceId);
        _frame = TraceFrame.ForRun(this, RunId, ParentRunId, _extras, idsAsProperties: !SpansEnabled);
        if (SpansEnabled)
        {
            _activity = TraceActivities.Start($"workflow run {RunId}", TraceActivities.Parse(_extras.TraceId, _extras.SpanId),
            [
                new("workflow.run_id", RunId),
                new("workflow.parent_run_id", ParentRunId),
                new("workflow.name", _extras.WorkflowName),
            ]);
        }

        _entry = TraceFrame.Enter(_frame, out _previousEntry);
    }

    /// <summary>The run's id (<c>run_id</c>).</summary>
    public string RunId { get; }

    /// <summary>The parent run's id (<c>parent_run_id</c>), if any.</summary>
    public string? ParentRunId { get; }

    /// <summary>The short form the documents carry as <c>cut_id</c>: the last 8 characters of the run id, after the parent's.</summary>
    public string CutId => Contract.CutId.Of(RunId, ParentRunId);

    /// <summary>The extras the trace was created with.</summary>
    public TraceExtras Extras => _extras;

    /// <summary>The run's span; null when the extras gave a trace id that is not a W3C one.</summary>
    public Activity? Activity => _activity;

    /// <summary>The Serilog logger the trace writes through (null for a Microsoft.Extensions.Logging one), for anything the trace's methods do not cover.</summary>
    public ILogger? Logger { get; }

    internal bool SpansEnabled { get; }

    /// <summary>The frame of the innermost open scope of this trace in the current flow, else the run's own.</summary>
    internal TraceFrame CurrentFrame() => TraceFrame.Current is { } current && ReferenceEquals(current.Owner, this) ? current : _frame;

    internal void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[] values, string sourceFilePath, int sourceLineNumber) =>
        Write(CurrentFrame(), level, exception, messageTemplate, values, sourceFilePath, sourceLineNumber);

    internal void Write(TraceFrame frame, LogEventLevel level, Exception? exception, string messageTemplate, object?[] values, string sourceFilePath, int sourceLineNumber)
    {
        if (messageTemplate is null || !_target.IsEnabled(level))
            return;
        // One array of the exact size (no list, no copy), and the caller's file and line as the same property
        // objects for every call from one call site: no allocation for them, and the sink's capture step sees the
        // same context as the call before and shares it instead of copying.
        var callSite = !string.IsNullOrEmpty(sourceFilePath) || sourceLineNumber > 0 ? TraceCallSite.Of(sourceFilePath, sourceLineNumber) : null;
        var metrics = _extras.SampleProcessMetrics == true;
        var count = frame.Properties.Length + (callSite?.Properties.Length ?? 0) + (metrics ? SharedProcessMetrics.Count : 0);
        if (count == frame.Properties.Length)
        {
            // Nothing to add (a scope's closing event): the frame's own array, which no target keeps or changes.
            _target.Write(level, exception, messageTemplate, values, frame.Properties);
            return;
        }
        var properties = new LogEventProperty[count];
        frame.Properties.CopyTo(properties, 0);
        var next = frame.Properties.Length;
        if (callSite is not null)
        {
            callSite.Properties.CopyTo(properties, next);
            next += callSite.Properties.Length;
        }
        if (metrics)
            SharedProcessMetrics.AddTo(properties, next);
        _target.Write(level, exception, messageTemplate, values, properties);
    }

    /// <summary>
    /// Opens a stage: until it is disposed, every event inside carries its name as <c>stage_name</c>, and a span of
    /// its own. Call <see cref="RunTraceScope.Complete"/> when it succeeded (or <see cref="RunTraceScope.Fail"/>);
    /// disposing writes one event with <c>duration_ms</c> and the outcome.
    /// </summary>
    /// <param name="name">The stage's name.</param>
    public RunTraceScope Stage(string name) => new(this, TraceScopeKind.Stage, name);

    /// <summary>Opens a job, as <see cref="Stage"/> opens a stage: its name is written as <c>job_name</c>.</summary>
    /// <param name="name">The job's name.</param>
    public RunTraceScope Job(string name) => new(this, TraceScopeKind.Job, name);

    /// <summary>Runs <paramref name="body"/> as a stage: succeeded when it returns, failed (with the exception, which is rethrown) when it throws.</summary>
    /// <param name="name">The stage's name.</param>
    /// <param name="body">The stage's work.</param>
    public Task StageAsync(string name, Func<RunTraceScope, Task> body) => RunScopeAsync(TraceScopeKind.Stage, name, body);

    /// <summary>Runs <paramref name="body"/> as a job: succeeded when it returns, failed (with the exception, which is rethrown) when it throws.</summary>
    /// <param name="name">The job's name.</param>
    /// <param name="body">The job's work.</param>
    public Task JobAsync(string name, Func<RunTraceScope, Task> body) => RunScopeAsync(TraceScopeKind.Job, name, body);

    async Task RunScopeAsync(TraceScopeKind kind, string name, Func<RunTraceScope, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var scope = new RunTraceScope(this, kind, name);
        try
        {
            await body(scope).ConfigureAwait(false);
            scope.Complete();
        }
        catch (Exception ex)
        {
            scope.Fail(ex);
            throw;
        }
    }

    /// <summary>
    /// Starts a child run: its <c>parent_run_id</c> is this run's id (so its <c>cut_id</c> shows both), it inherits
    /// these extras with <paramref name="extras"/> over them, and its span is a child of the current one.
    /// </summary>
    /// <param name="runId">The child run's id.</param>
    /// <param name="extras">Values that differ from this run's.</param>
    public RunTrace StartChild(string runId, TraceExtras? extras = null)
    {
        var inherited = _extras.With(extras);
        if (SpansEnabled && extras?.TraceId is null)
            inherited = inherited.WithoutTraceIds();
        return new RunTrace(_target, Logger, runId, RunId, inherited);
    }

    /// <summary>
    /// Sends every event written so far — by this trace and anything else — to Elasticsearch now, through every
    /// open WorkflowTrace sink: true once all are delivered, false when an attempt failed (they stay queued for
    /// later retries) or an event was dropped and reported instead of delivered. The counterpart of the Python handler's awaitable logging calls.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the events stay queued and are still delivered).</param>
    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => WorkflowTracing.FlushAsync(cancellationToken);

    /// <summary>Ends the run's span and sends its events (waiting at most <see cref="TraceExtras.FlushTimeout"/>); never waits out an outage.</summary>
    /// <remarks>
    /// Not an <c>async</c> method on purpose: the run's context and span are left here, in the caller's flow, so that
    /// what follows an <c>await using</c> block carries none of them. Only the wait for delivery is asynchronous.
    /// </remarks>
    public ValueTask DisposeAsync() => End() ? new ValueTask(FlushWithinTimeoutAsync()) : default;

    /// <summary>As <see cref="DisposeAsync"/>, blocking: the Python handler's <c>trace.close()</c>.</summary>
    public void Dispose()
    {
        if (!End())
            return;
        FlushWithinTimeoutAsync().GetAwaiter().GetResult();
    }

    bool End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return false;
        _activity?.Stop();
        TraceFrame.Leave(_entry, _previousEntry);
        return true;
    }

    /// <summary>Waits for delivery; never throws, so that ending a run never hides the workflow's own exception.</summary>
    async Task FlushWithinTimeoutAsync()
    {
        var limit = _extras.FlushTimeout ?? TraceExtras.DefaultFlushTimeout;
        try
        {
            using var timeout = new CancellationTokenSource(limit);
            if (!await WorkflowTracing.FlushAsync(timeout.Token).ConfigureAwait(false))
                SelfLog.WriteLine("WorkflowTrace: run {0} ended; delivering its events failed for now, and they stay queued (delivered or reported later), or some were dropped and reported", RunId);
        }
        catch (OperationCanceledException)
        {
            SelfLog.WriteLine("WorkflowTrace: run {0} ended; its events were not all delivered within {1} and stay queued (delivered or reported later)", RunId, limit);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: run {0} ended; waiting for the delivery of its events failed, and they stay queued (delivered or reported later): {1}", RunId, ex);
        }
    }
}
