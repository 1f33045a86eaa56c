namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// The defaults of every option, and the fixed timings of the retry policy, named once so that the extension
/// method, the options object, the delivery code, the README and the tests agree. They are the Python handler's
/// defaults wherever it has one, except <see cref="BufferSize"/>.
/// </summary>
static class WorkflowTraceDefaults
{
    public const string Hosts = "http://localhost:9200";
    public const string IndexName = "workflow-traces";
    /// <summary>
    /// Larger than the handler's 100: bigger batches deliver more events per second at no cost in latency (a partial
    /// batch still goes out after <see cref="FlushInterval"/>) and about the same memory. The figures are in the
    /// harness's matrix results (<c>test/Serilog.Sinks.WorkflowTrace.PerfHarness/results/*-matrix.md</c>) and the
    /// README's "Performance tuning".
    /// </summary>
    public const int BufferSize = 5000;
    public const int QueueLimit = 100_000;

    /// <summary>
    /// Request bodies are gzipped by default, as Elastic's own transport does: it costs little throughput and saves
    /// most of the bytes on the wire, which is what counts once the cluster is across a network (figures: the
    /// harness's matrix results and the README's "Performance tuning").
    /// </summary>
    public const bool CompressRequests = true;
    public const int MaxRetries = 3;
    public const int NumberOfShards = 1;
    public const int NumberOfReplicas = 0;

    /// <summary>Above Elasticsearch's built-in <c>logs-*-*</c> template (100).</summary>
    public const int TemplatePriority = 200;

    /// <summary>How often new documents become searchable: Elasticsearch's own default.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>The template is tried once and its failure reported, without holding events back.</summary>
    public const WorkflowTraceBootstrapMode BootstrapMode = WorkflowTraceBootstrapMode.Silent;
    public const bool DataStream = false;
    public const bool VerifyCertificates = true;
    public const bool SampleProcessMetrics = false;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A failed node's first time out of rotation, doubling every second failure (Elastic's transport's default).</summary>
    public static readonly TimeSpan DeadTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the delivery loop keeps trying a batch that fails before it gives the events up and reports them:
    /// Serilog's own batching default.
    /// </summary>
    public static readonly TimeSpan RetryTimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest closing the logger takes, whatever the cluster does: within the 30 s a host commonly allows
    /// for shutdown, so that what is not delivered is still reported before the process ends.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest a failed node stays out of rotation.</summary>
    public static readonly TimeSpan MaxDeadTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Largest bulk request body: 10 MiB, a tenth of Elasticsearch's <c>http.max_content_length</c> and within
    /// Elastic's advice of 5–15 MB per bulk request. A batch of 5,000 typical documents is about 3.5 MiB.
    /// </summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>The smallest request size limit accepted: room for one modest document.</summary>
    public const int MinRequestBytes = 4 * 1024;

    /// <summary>
    /// The most the durable buffer's files hold together: 1 GiB, room for about two million typical events (≈ 500
    /// bytes each on disk), an outage of hours for most services, and far below a disk's free space.
    /// </summary>
    public const long BufferSizeLimitBytes = 1024L * 1024 * 1024;

    /// <summary>The smallest durable buffer accepted: a few of its files' worth.</summary>
    public const long MinBufferSizeLimitBytes = 64 * 1024;

    /// <summary>
    /// How often the durable buffer's appended lines are written and forced to disk: what a crash can lose at most.
    /// The same as <see cref="FlushInterval"/>: an event is then at risk no longer than it waits for its batch.
    /// </summary>
    public static readonly TimeSpan BufferFlushInterval = TimeSpan.FromSeconds(2);

    /// <summary>A full durable buffer gives up its oldest events for new ones, as a full memory queue cannot.</summary>
    public const WorkflowTraceBufferFullMode BufferFullMode = WorkflowTraceBufferFullMode.DropOldest;

    /// <summary>The durable buffer's files roll at this size, or at a quarter of the size limit when that is smaller.</summary>
    public const long BufferFileSizeBytes = 16L * 1024 * 1024;

    // The retry policy's fixed timings (not options) -------------------------------------------------------------

    /// <summary>Within one attempt, a request or an item answered "try again" is first retried after about this long, then doubling (with jitter).</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries within one attempt: beyond it the attempt fails and the loop's own back-off takes over.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The loop's first retry of a failed batch comes after the flush interval, but at most this long, so that a long
    /// interval does not hold a failed batch for as long (Serilog's <c>FailureAwareBatchScheduler</c> does the same).
    /// </summary>
    public static readonly TimeSpan FirstBatchRetryCeiling = TimeSpan.FromSeconds(5);

    /// <summary>The longest the loop waits between attempts of a failing batch, or of a failing index bootstrap.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
}
