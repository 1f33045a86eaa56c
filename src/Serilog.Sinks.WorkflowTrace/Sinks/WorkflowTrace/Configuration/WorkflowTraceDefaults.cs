namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// The defaults of every option, named once so that the extension method, the README and the tests agree.
/// They are the Python handler's defaults wherever it has one, except <see cref="BufferSize"/>: measured with the
/// performance harness on 2026-12-02, batches of 5,000 deliver 15–20% more events per second than 1,000, and
/// 1,000 up to 45% more than the handler's 100, at no cost in latency (a partial batch still goes out after
/// <see cref="FlushInterval"/>) and about the same memory. See the README's "Performance tuning".
/// </summary>
static class WorkflowTraceDefaults
{
    public const string Hosts = "http://localhost:9200";
    public const string IndexName = "workflow-traces";
    public const int BufferSize = 5000;
    public const int QueueLimit = 100_000;

    /// <summary>
    /// Request bodies are gzipped by default, as Elastic's own transport does: measured with the harness, the same
    /// throughput on loopback and about 30× fewer bytes on the wire (real logs: 5–10×), which is what counts once
    /// the cluster is across a network.
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
}
