using System.Diagnostics.Metrics;

namespace Serilog.Sinks.WorkflowTrace.Diagnostics;

/// <summary>
/// One sink's running totals and last error, which the transport and the delivery loop report into, published as
/// <see cref="WorkflowTraceMonitoring.MeterName"/> instruments (tagged with the index name). What the sink holds,
/// its nodes and how to flush it are read by <see cref="MonitoredSink"/>, built after every part.
/// </summary>
sealed class SinkMonitor : IDisposable
{
    const string IndexTag = "workflowtrace.index";
    internal static readonly Meter Meter = new(WorkflowTraceMonitoring.MeterName, typeof(SinkMonitor).Assembly.GetName().Version?.ToString(3));
    static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("workflowtrace.events.sent", "{event}", "Events Elasticsearch confirmed");
    static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("workflowtrace.events.retried", "{event}", "Events sent again after a failure");
    static readonly Counter<long> DegradedCounter = Meter.CreateCounter<long>("workflowtrace.events.degraded", "{event}", "Events delivered in degraded form after a content rejection");
    static readonly Counter<long> TruncatedCounter = Meter.CreateCounter<long>("workflowtrace.events.truncated", "{event}", "Events with a value cut to fit the request size limit or the keyword term limit");
    static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("workflowtrace.events.dropped", "{event}", "Events given up and reported");
    static readonly Counter<long> BatchCounter = Meter.CreateCounter<long>("workflowtrace.batches", "{request}", "Bulk requests sent");
    static readonly Counter<long> ByteCounter = Meter.CreateCounter<long>("workflowtrace.bytes", "By", "Request body bytes sent");
    static readonly Counter<long> FailoverCounter = Meter.CreateCounter<long>("workflowtrace.node.failovers", "{failover}", "Times a node failed and was taken out of rotation");

    readonly KeyValuePair<string, object?> _tag;
    readonly string _indexName;
    readonly int _queueLimit;
    readonly TimeProvider _time;
    readonly object _gate = new();
    long _sent, _retried, _degraded, _truncated, _dropped, _batches, _bytes, _failovers;
    string? _lastError;
    DateTimeOffset? _lastErrorAt;
    volatile bool _disposed;

    public SinkMonitor(string indexName, int queueLimit, TimeProvider? time = null)
    {
        _indexName = indexName;
        _queueLimit = queueLimit;
        _time = time ?? TimeProvider.System;
        _tag = new KeyValuePair<string, object?>(IndexTag, indexName);
    }

    /// <summary>The index name tag every instrument of this sink carries.</summary>
    public KeyValuePair<string, object?> Tag => _tag;

    /// <summary>True once the sink has shut down: it then leaves the list monitoring reads.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Since when events are dropped for a full queue; set by the ledger.</summary>
    public DateTimeOffset? DroppingSince { get; set; }

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

    /// <summary>The totals and last error, with what the sink's parts report now.</summary>
    public WorkflowTraceStatus Snapshot(int bufferedEvents, IReadOnlyList<WorkflowTraceNodeStatus> nodes, long queued)
    {
        string? lastError;
        DateTimeOffset? lastErrorAt;
        lock (_gate)
        {
            lastError = _lastError;
            lastErrorAt = _lastErrorAt;
        }

        return new WorkflowTraceStatus
        {
            IndexName = _indexName,
            BufferedEvents = bufferedEvents,
            QueueLimit = _queueLimit,
            LiveNodes = nodes.Count(n => n.IsAlive),
            Nodes = nodes,
            LastError = lastError,
            LastErrorAt = lastErrorAt,
            DroppingSince = DroppingSince,
            EventsQueued = queued,
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

    /// <summary>Marks the sink shut down, so it leaves the list monitoring reads.</summary>
    public void Dispose() => _disposed = true;
}
