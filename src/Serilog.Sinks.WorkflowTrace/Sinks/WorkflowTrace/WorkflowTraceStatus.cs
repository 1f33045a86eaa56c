namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// A snapshot of one WorkflowTrace sink: what it holds, how its nodes are, what went wrong last, and its running
/// totals (the same numbers the <see cref="WorkflowTraceMonitoring.MeterName"/> meter publishes). Read it with
/// <see cref="WorkflowTraceMonitoring.GetStatus"/>.
/// </summary>
public sealed class WorkflowTraceStatus
{
    /// <summary>The index (or index name format) the sink writes to.</summary>
    public required string IndexName { get; init; }

    /// <summary>Events accepted and neither delivered nor reported yet: the sink's buffer.</summary>
    public required int BufferedEvents { get; init; }

    /// <summary>The most events the sink holds; beyond it events are dropped and reported.</summary>
    public required int QueueLimit { get; init; }

    /// <summary>Nodes taking traffic now.</summary>
    public required int LiveNodes { get; init; }

    /// <summary>Every configured node and its health.</summary>
    public required IReadOnlyList<WorkflowTraceNodeStatus> Nodes { get; init; }

    /// <summary>The last failure (of a request, a node or a document), credentials never included; null when none happened.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Since when events are being dropped because the queue is full; null when they are not.</summary>
    public DateTimeOffset? DroppingSince { get; init; }

    /// <summary>Events accepted into the buffer.</summary>
    public long EventsQueued { get; init; }

    /// <summary>Events Elasticsearch confirmed (a 409 for a resend of a document already there included).</summary>
    public long EventsSent { get; init; }

    /// <summary>Events sent again after a failure of their request or of their own item.</summary>
    public long EventsRetried { get; init; }

    /// <summary>Events delivered in the degraded form, after Elasticsearch rejected their content.</summary>
    public long EventsDegraded { get; init; }

    /// <summary>Events with a value cut to fit a limit: the request size, or Lucene's 32,766-byte limit on a keyword value.</summary>
    public long EventsTruncated { get; init; }

    /// <summary>Events given up and reported (queue full, rejected twice, undeliverable at shutdown).</summary>
    public long EventsDropped { get; init; }

    /// <summary>Bulk requests sent.</summary>
    public long Batches { get; init; }

    /// <summary>Request body bytes sent, as on the wire (after compression).</summary>
    public long BytesSent { get; init; }

    /// <summary>Times a node failed and was taken out of rotation.</summary>
    public long NodeFailovers { get; init; }
}
