using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Serilog.Sinks.WorkflowTrace.Diagnostics;

/// <summary>
/// One open sink as monitoring sees it: its <see cref="SinkMonitor"/> and what is read from the sink's parts (the
/// events it holds, its nodes, the events it accepted, how to flush it). The factory registers it after building
/// every part, so each comes in once and nothing is wired back into a part already built. Registered sinks are
/// what <see cref="WorkflowTraceMonitoring.GetStatus"/>, <see cref="WorkflowTracing.FlushAsync"/> and the
/// observable instruments read; a sink leaves when its monitor is disposed or collected.
/// </summary>
sealed class MonitoredSink
{
    static readonly object RegistryGate = new();
    static readonly List<WeakReference<MonitoredSink>> Registry = [];

    /// <summary>Keeps each entry alive exactly as long as its monitor, which the sink's parts hold.</summary>
    static readonly ConditionalWeakTable<SinkMonitor, MonitoredSink> KeptWithMonitor = new();

    static MonitoredSink()
    {
        SinkMonitor.Meter.CreateObservableGauge("workflowtrace.buffer.size", () => Each(s => new Measurement<int>(s._buffered(), s._monitor.Tag)), "{event}", "Events held by the sink");
        SinkMonitor.Meter.CreateObservableCounter("workflowtrace.events.queued", () => Each(s => new Measurement<long>(s._queued(), s._monitor.Tag)), "{event}", "Events accepted into the sink's buffer");
        SinkMonitor.Meter.CreateObservableGauge("workflowtrace.nodes.live", () => Each(s => new Measurement<int>(s._nodes?.LiveCount ?? 0, s._monitor.Tag)), "{node}", "Nodes taking traffic");
    }

    readonly SinkMonitor _monitor;
    readonly Func<int> _buffered;
    readonly INodeStatusSource? _nodes;
    readonly Func<long> _queued;
    readonly Func<CancellationToken, Task<bool>> _flush;

    MonitoredSink(SinkMonitor monitor, Func<int> buffered, INodeStatusSource? nodes, Func<long> queued, Func<CancellationToken, Task<bool>> flush)
    {
        _monitor = monitor;
        _buffered = buffered;
        _nodes = nodes;
        _queued = queued;
        _flush = flush;
    }

    /// <summary>
    /// Lists a fully built sink. <paramref name="queued"/> is the capture sink's own count of events it admitted
    /// (it numbers each anyway), so nothing is counted twice on the logging thread; the meter reads it when observed.
    /// </summary>
    public static void Register(SinkMonitor monitor, Func<int> buffered, INodeStatusSource? nodes, Func<long> queued, Func<CancellationToken, Task<bool>> flush)
    {
        var sink = new MonitoredSink(monitor, buffered, nodes, queued, flush);
        lock (RegistryGate)
        {
            KeptWithMonitor.AddOrUpdate(monitor, sink);
            Registry.Add(new WeakReference<MonitoredSink>(sink));
        }
    }

    WorkflowTraceStatus Snapshot() => _monitor.Snapshot(_buffered(), _nodes?.Snapshot() ?? [], _queued());

    /// <summary>Every open sink's status, in creation order.</summary>
    public static IReadOnlyList<WorkflowTraceStatus> SnapshotAll() => Each(s => s.Snapshot());

    /// <summary>Flushes every open sink of the process: true when each delivered what it held.</summary>
    public static async Task<bool> FlushAllAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Each(s => s._flush(cancellationToken))).ConfigureAwait(false);
        return results.All(delivered => delivered);
    }

    static List<T> Each<T>(Func<MonitoredSink, T> select)
    {
        var open = new List<MonitoredSink>();
        lock (RegistryGate)
        {
            Registry.RemoveAll(w => !w.TryGetTarget(out var s) || s._monitor.IsDisposed);
            foreach (var weak in Registry)
            {
                if (weak.TryGetTarget(out var sink))
                    open.Add(sink);
            }
        }
        return open.Select(select).ToList();
    }
}
