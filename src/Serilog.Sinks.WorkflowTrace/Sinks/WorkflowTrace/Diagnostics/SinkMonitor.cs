using System.Diagnostics.Metrics;

namespace Serilog.Sinks.WorkflowTrace.Diagnostics;

/// <summary>
/// One sink's running totals and last error, published as <see cref="WorkflowTraceMonitoring.MeterName"/>
/// instruments (tagged with the index name) and readable as a <see cref="WorkflowTraceStatus"/> snapshot.
/// </summary>
sealed class SinkMonitor : IDisposable
{
    const string IndexTag = "workflowtrace.index";
    static readonly Meter Meter = new(WorkflowTraceMonitoring.MeterName, typeof(SinkMonitor).Assembly.GetName().Version?.ToString(3));
    static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("workflowtrace.events.sent", "{event}", "Events Elasticsearch confirmed");
    static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("workflowtrace.events.retried", "{event}", "Events sent again after a failure");
    static readonly Counter<long> DegradedCounter = Meter.CreateCounter<long>("workflowtrace.events.degraded", "{event}", "Events delivered in degraded form after a content rejection");
    static readonly Counter<long> TruncatedCounter = Meter.CreateCounter<long>("workflowtrace.events.truncated", "{event}", "Events with a value cut to fit the request size limit or the keyword term limit");
    static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("workflowtrace.events.dropped", "{event}", "Events given up and reported");
    static readonly Counter<long> BatchCounter = Meter.CreateCounter<long>("workflowtrace.batches", "{request}", "Bulk requests sent");
    static readonly Counter<long> ByteCounter = Meter.CreateCounter<long>("workflowtrace.bytes", "By", "Request body bytes sent");
    static readonly Counter<long> FailoverCounter = Meter.CreateCounter<long>("workflowtrace.node.failovers", "{failover}", "Times a node failed and was taken out of rotation");

    static readonly object RegistryGate = new();
    static readonly List<WeakReference<SinkMonitor>> Registry = [];

    static SinkMonitor()
    {
        Meter.CreateObservableGauge("workflowtrace.buffer.size", () => Each(m => new Measurement<int>(m.BufferedEvents, m._tag)), "{event}", "Events held by the sink");
        Meter.CreateObservableCounter("workflowtrace.events.queued", () => Each(m => new Measurement<long>(m._queued(), m._tag)), "{event}", "Events accepted into the sink's buffer");
        Meter.CreateObservableGauge("workflowtrace.nodes.live", () => Each(m => new Measurement<int>(m.LiveNodes, m._tag)), "{node}", "Nodes taking traffic");
    }

    readonly KeyValuePair<string, object?> _tag;
    readonly string _indexName;
    readonly int _queueLimit;
    readonly TimeProvider _time;
    readonly object _gate = new();
    long _sent, _retried, _degraded, _truncated, _dropped, _batches, _bytes, _failovers;
    string? _lastError;
    DateTimeOffset? _lastErrorAt;
    Func<int> _buffered = () => 0;
    Func<long> _queued = () => 0;
    Func<CancellationToken, Task<bool>>? _flush;
    INodeStatusSource? _pool;

    public SinkMonitor(string indexName, int queueLimit, TimeProvider? time = null)
    {
        _indexName = indexName;
        _queueLimit = queueLimit;
        _time = time ?? TimeProvider.System;
        _tag = new KeyValuePair<string, object?>(IndexTag, indexName);
        lock (RegistryGate)
            Registry.Add(new WeakReference<SinkMonitor>(this));
    }

    /// <summary>Connects what the snapshot reads from the sink's parts.</summary>
    public void Attach(Func<int> buffered, INodeStatusSource? pool)
    {
        _buffered = buffered;
        _pool = pool;
    }

    /// <summary>
    /// Connects the count of events accepted: the capture sink numbers every event it admits anyway, so counting
    /// them again on the logging thread is not needed; the meter reads it when observed.
    /// </summary>
    public void AttachQueued(Func<long> queued) => _queued = queued;

    /// <summary>Connects how the sink is flushed on demand.</summary>
    public void AttachFlush(Func<CancellationToken, Task<bool>> flush) => _flush = flush;

    /// <summary>Flushes every open sink of the process: true when each delivered what it held.</summary>
    public static async Task<bool> FlushAllAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Each(m => m._flush?.Invoke(cancellationToken) ?? Task.FromResult(true))).ConfigureAwait(false);
        return results.All(delivered => delivered);
    }

    /// <summary>Since when events are dropped for a full queue; set by the ledger.</summary>
    public DateTimeOffset? DroppingSince { get; set; }

    int BufferedEvents => _buffered();

    int LiveNodes => _pool?.LiveCount ?? 0;

    public DateTimeOffset Now => _time.GetUtcNow();


    public void Sent(int count) => Add(ref _sent, SentCounter, count);

    public void Retried(int count) => Add(ref _retried, RetriedCounter, count);

    public void Degraded(int count) => Add(ref _degraded, DegradedCounter, count);

    public void Truncated(int count) => Add(ref _truncated, TruncatedCounter, count);

    public void Dropped(int count) => Add(ref _dropped, DroppedCounter, count);

    public void Batch(long bytes)
    {
        Add(ref _batches, BatchCounter, 1);
        Add(ref _bytes, ByteCounter, bytes);
    }

    public void NodeFailed(Uri node, string reason)
    {
        Add(ref _failovers, FailoverCounter, 1);
        Error($"node {node}: {reason}");
    }

    /// <summary>Records the last error; the text must carry no credential (the sink's messages never do).</summary>
    public void Error(string message)
    {
        lock (_gate)
        {
            _lastError = message;
            _lastErrorAt = _time.GetUtcNow();
        }
    }

    void Add(ref long field, Counter<long> counter, long count)
    {
        if (count == 0)
            return;
        Interlocked.Add(ref field, count);
        if (counter.Enabled)
            counter.Add(count, _tag);
    }

    public WorkflowTraceStatus Snapshot()
    {
        string? lastError;
        DateTimeOffset? lastErrorAt;
        lock (_gate)
        {
            lastError = _lastError;
            lastErrorAt = _lastErrorAt;
        }

        var nodes = _pool?.Snapshot() ?? [];
        return new WorkflowTraceStatus
        {
            IndexName = _indexName,
            BufferedEvents = BufferedEvents,
            QueueLimit = _queueLimit,
            LiveNodes = nodes.Count(n => n.IsAlive),
            Nodes = nodes,
            LastError = lastError,
            LastErrorAt = lastErrorAt,
            DroppingSince = DroppingSince,
            EventsQueued = _queued(),
            EventsSent = Interlocked.Read(ref _sent),
            EventsRetried = Interlocked.Read(ref _retried),
            EventsDegraded = Interlocked.Read(ref _degraded),
            EventsTruncated = Interlocked.Read(ref _truncated),
            EventsDropped = Interlocked.Read(ref _dropped),
            Batches = Interlocked.Read(ref _batches),
            BytesSent = Interlocked.Read(ref _bytes),
            NodeFailovers = Interlocked.Read(ref _failovers),
        };
    }

    static List<T> Each<T>(Func<SinkMonitor, T> select)
    {
        var result = new List<T>();
        lock (RegistryGate)
        {
            Registry.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var weak in Registry)
            {
                if (weak.TryGetTarget(out var monitor))
                    result.Add(select(monitor));
            }
        }
        return result;
    }

    public static IReadOnlyList<WorkflowTraceStatus> SnapshotAll() => Each(m => m.Snapshot());

    public void Dispose()
    {
        lock (RegistryGate)
            Registry.RemoveAll(w => !w.TryGetTarget(out var m) || ReferenceEquals(m, this));
    }
}
