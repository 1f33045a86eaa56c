using Serilog.Sinks.WorkflowTrace.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tracing;
using MelLogger = Microsoft.Extensions.Logging.ILogger;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// Where workflow traces start: <c>GetTrace</c>, the counterpart of the Python handler's
/// <c>get_trace(run_id, parent_run_id, extras)</c>, over Serilog's static <c>Log</c>, a given Serilog logger, or a
/// Microsoft.Extensions.Logging logger; and <see cref="FlushAsync"/> for every WorkflowTrace sink of the process.
/// </summary>
public static class WorkflowTracing
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of run, stage and job spans: the package's.</summary>
    public const string ActivitySourceName = "Serilog.Sinks.WorkflowTrace";

    /// <summary>A trace whose events go through Serilog's static <see cref="Log"/> (read at each event).</summary>
    /// <param name="runId">The run's id (<c>run_id</c>).</param>
    /// <param name="parentRunId">The parent run's id (<c>parent_run_id</c>).</param>
    /// <param name="extras">Workflow, stage, job, trace/span ids, user, tenant, environment, tags, metadata.</param>
    public static RunTrace GetTrace(string runId, string? parentRunId = null, TraceExtras? extras = null) =>
        new(new SerilogTraceTarget(static () => Log.Logger), null, runId, parentRunId, extras);

    /// <summary>A trace whose events go through <paramref name="logger"/>.</summary>
    /// <param name="logger">The Serilog logger to write through.</param>
    /// <param name="runId">The run's id (<c>run_id</c>).</param>
    /// <param name="parentRunId">The parent run's id (<c>parent_run_id</c>).</param>
    /// <param name="extras">Workflow, stage, job, trace/span ids, user, tenant, environment, tags, metadata.</param>
    public static RunTrace GetTrace(ILogger logger, string runId, string? parentRunId = null, TraceExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return new(new SerilogTraceTarget(() => logger), logger, runId, parentRunId, extras);
    }

    /// <summary>
    /// A trace whose events go through a Microsoft.Extensions.Logging logger (<c>ILogger&lt;T&gt;</c>); with
    /// Serilog.Extensions.Logging its state becomes the events' properties.
    /// </summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="runId">The run's id (<c>run_id</c>).</param>
    /// <param name="parentRunId">The parent run's id (<c>parent_run_id</c>).</param>
    /// <param name="extras">Workflow, stage, job, trace/span ids, user, tenant, environment, tags, metadata.</param>
    public static RunTrace GetTrace(MelLogger logger, string runId, string? parentRunId = null, TraceExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return new(new MicrosoftLoggingTraceTarget(logger), null, runId, parentRunId, extras);
    }

    /// <summary>
    /// Sends what every open WorkflowTrace sink of the process holds, now. True when everything accepted so far has
    /// been delivered; false when an event was dropped and reported instead (refused twice by Elasticsearch, turned
    /// away by a full queue) that no earlier flush has answered false for, and false as soon as an attempt failed (the
    /// cluster is down, say): those events stay queued, are retried later and delivered or reported then — a flush
    /// never waits out an outage.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the events stay queued and are still delivered or reported.</param>
    public static Task<bool> FlushAsync(CancellationToken cancellationToken = default) => MonitoredSink.FlushAllAsync(cancellationToken);
}
