namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// The Python handler's <c>extras</c> for one run: values every event of the trace carries in the contract's fields, plus
/// arbitrary metadata. All optional.
/// </summary>
public sealed class TraceExtras
{
    /// <summary>Written as <c>workflow_name</c>.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Written as <c>stage_name</c> outside any stage scope.</summary>
    public string? StageName { get; init; }

    /// <summary>Written as <c>job_name</c> outside any job scope.</summary>
    public string? JobName { get; init; }

    /// <summary>
    /// A W3C trace id (32 hex digits) to continue: the run's span becomes part of that trace. Another form (the
    /// Python handler's <c>"trace-123"</c>) is written as given to <c>trace_id</c>, and then no spans are created.
    /// </summary>
    public string? TraceId { get; init; }

    /// <summary>The parent span (16 hex digits) when <see cref="TraceId"/> is continued; otherwise written as given to <c>span_id</c>.</summary>
    public string? SpanId { get; init; }

    /// <summary>Written as <c>user_id</c>.</summary>
    public string? UserId { get; init; }

    /// <summary>Written as <c>tenant_id</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Written as <c>environment</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>Written as <c>tags</c> (merged with the sink's own).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Any other values, written under <c>metadata</c>.</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// Fill <c>memory_usage_mb</c> and <c>cpu_usage_percent</c> on each event, from a sample of the process taken at
    /// most once a second. Null: off, or for a child run, as its parent.
    /// </summary>
    public bool? SampleProcessMetrics { get; init; }

    /// <summary>
    /// The longest disposing the trace waits for its events to be sent (a slow cluster); a failed attempt ends the
    /// wait at once. Null: 30 seconds, or for a child run, as its parent. <see cref="TimeSpan.Zero"/>: no wait;
    /// <see cref="Timeout.InfiniteTimeSpan"/>: no limit. A negative value, or one over <see cref="int.MaxValue"/>
    /// milliseconds (about 24.8 days), is refused when the trace is created.
    /// </summary>
    public TimeSpan? FlushTimeout { get; init; }

    internal static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(30);

    static readonly TimeSpan MaxFlushTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Refuses values the trace could only fail on later, when it ends (and then in place of the workflow's own exception).</summary>
    internal void Validate(string paramName)
    {
        if (FlushTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan && (timeout < TimeSpan.Zero || timeout > MaxFlushTimeout))
        {
            throw new ArgumentOutOfRangeException(paramName, timeout,
                $"TraceExtras.FlushTimeout must be zero or more and at most {MaxFlushTimeout} (or Timeout.InfiniteTimeSpan for no limit); it was {timeout}.");
        }
    }

    /// <summary>These extras with <paramref name="changes"/> applied over them, for a child run.</summary>
    internal TraceExtras With(TraceExtras? changes) => changes is null ? this : new TraceExtras
    {
        WorkflowName = changes.WorkflowName ?? WorkflowName,
        StageName = changes.StageName ?? StageName,
        JobName = changes.JobName ?? JobName,
        TraceId = changes.TraceId ?? TraceId,
        SpanId = changes.SpanId ?? SpanId,
        UserId = changes.UserId ?? UserId,
        TenantId = changes.TenantId ?? TenantId,
        Environment = changes.Environment ?? Environment,
        Tags = changes.Tags.Count > 0 ? changes.Tags : Tags,
        Metadata = Metadata.Concat(changes.Metadata).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        SampleProcessMetrics = changes.SampleProcessMetrics ?? SampleProcessMetrics,
        FlushTimeout = changes.FlushTimeout ?? FlushTimeout,
    };

    /// <summary>These extras without trace and span ids: a child run's span follows the current one instead.</summary>
    internal TraceExtras WithoutTraceIds() => new()
    {
        WorkflowName = WorkflowName,
        StageName = StageName,
        JobName = JobName,
        UserId = UserId,
        TenantId = TenantId,
        Environment = Environment,
        Tags = Tags,
        Metadata = Metadata,
        SampleProcessMetrics = SampleProcessMetrics,
        FlushTimeout = FlushTimeout,
    };
}
