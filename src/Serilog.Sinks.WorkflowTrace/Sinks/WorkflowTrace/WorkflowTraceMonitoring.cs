using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// How an application watches its WorkflowTrace sinks: counters through <c>System.Diagnostics.Metrics</c> under
/// the meter <see cref="MeterName"/> (for OpenTelemetry, <c>dotnet-counters</c>, ...), and a status snapshot of
/// each open sink through <see cref="GetStatus"/>.
/// </summary>
public static class WorkflowTraceMonitoring
{
    /// <summary>
    /// The meter's name, the package's: <c>Serilog.Sinks.WorkflowTrace</c>. Instruments:
    /// <c>workflowtrace.events.sent</c>, <c>.retried</c>, <c>.degraded</c>, <c>.truncated</c>, <c>.dropped</c>,
    /// <c>workflowtrace.batches</c>, <c>workflowtrace.bytes</c>, <c>workflowtrace.node.failovers</c> (counters),
    /// <c>workflowtrace.events.queued</c> (an observable counter) and <c>workflowtrace.buffer.size</c>, <c>workflowtrace.nodes.live</c> (gauges), each tagged
    /// <c>workflowtrace.index</c> with the sink's index name.
    /// </summary>
    public const string MeterName = "Serilog.Sinks.WorkflowTrace";

    /// <summary>A snapshot of every WorkflowTrace sink of the process that has not been disposed, in creation order.</summary>
    public static IReadOnlyList<WorkflowTraceStatus> GetStatus() => MonitoredSink.SnapshotAll();
}
