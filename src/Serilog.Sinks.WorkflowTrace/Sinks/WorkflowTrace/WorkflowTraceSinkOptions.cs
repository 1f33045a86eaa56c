using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// The options of one WorkflowTrace sink, for <c>WriteTo.WorkflowTrace(options)</c> or
/// <c>WriteTo.WorkflowTrace(options =&gt; ...)</c>. Each property starts at its default; the property names are
/// those of the flat method's parameters and of the appsettings.json <c>Args</c> keys, and an invalid value is
/// refused with an <see cref="ArgumentException"/> naming that key when the sink is configured.
/// </summary>
/// <remarks>New options are added here as properties, so code built against an older version keeps working.</remarks>
public sealed partial class WorkflowTraceSinkOptions
{
    // Where to send.

    /// <summary>
    /// Elasticsearch URL, or several (the nodes of one cluster) separated by commas or semicolons. The default,
    /// <c>null</c>, means <c>http://localhost:9200</c> when <see cref="HostList"/> is not set either. Basic-auth
    /// credentials may be given as the URL's user-info (<c>https://user:password@host:9200</c>).
    /// </summary>
    public string? Hosts { get; set; }

    /// <summary>Elasticsearch URLs as a list; combined with <see cref="Hosts"/>. The default is <c>null</c> (none).</summary>
    public IReadOnlyList<string>? HostList { get; set; }

    /// <summary>
    /// Index the documents are written to: a fixed name, or time-based from each event's UTC time
    /// (<c>workflow-traces-{0:yyyy.MM.dd}</c>). The default is <c>workflow-traces</c>.
    /// </summary>
    public string IndexName { get; set; } = WorkflowTraceDefaults.IndexName;

    // Who is sending: one of username/password, an API key or a bearer token.

    /// <summary>User for basic authentication; requires <see cref="Password"/>. The default is <c>null</c> (none).</summary>
    public string? Username { get; set; }

    /// <summary>Password for basic authentication. Never written to any log or message. The default is <c>null</c> (none).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Elasticsearch API key: encoded as Elasticsearch returns it, or <c>id:api_key</c>, or the key alone with
    /// <see cref="ApiKeyId"/>. The default is <c>null</c> (none).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The id of the API key given in <see cref="ApiKey"/>, when they are given apart. The default is <c>null</c>.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>A bearer token (<c>Authorization: Bearer</c>). The default is <c>null</c> (none).</summary>
    public string? BearerToken { get; set; }

    // TLS.

    /// <summary>
    /// Verify the server's TLS certificate. The default is <c>true</c>; switch off only for testing. Refused together
    /// with <see cref="CertificateFingerprint"/> or <see cref="CaCertificatePath"/>.
    /// </summary>
    public bool VerifyCertificates { get; set; } = WorkflowTraceDefaults.VerifyCertificates;

    /// <summary>
    /// Hex SHA-256 fingerprint (colons allowed) of the server's certificate, or of an authority the server presents
    /// that signed its chain. https:// hosts only. The default is <c>null</c> (none).
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>
    /// Path of a PEM (one or more certificates) or DER file with the CA certificate that issued the server's
    /// certificate. https:// hosts only. The default is <c>null</c> (the system's trust store).
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// TLS client certificate: a PKCS#12 file (.pfx/.p12) or a PEM file with the certificate and its private key.
    /// https:// hosts only. The default is <c>null</c> (none).
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Password of the client certificate file, when it has one. The default is <c>null</c>.</summary>
    public string? ClientCertificatePassword { get; set; }

    // Batching and delivery.

    /// <summary>Events per bulk request; a full buffer is sent at once. The default is <c>5000</c> events.</summary>
    public int BufferSize { get; set; } = WorkflowTraceDefaults.BufferSize;

    /// <summary>Longest time an event waits before its batch is sent. The default is two seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = WorkflowTraceDefaults.FlushInterval;

    /// <summary>
    /// Most events held in memory waiting to be sent; events beyond it are reported to the failure listener and
    /// SelfLog, not silently dropped. The default is <c>100000</c> events.
    /// </summary>
    public int QueueLimit { get; set; } = WorkflowTraceDefaults.QueueLimit;

    /// <summary>Time allowed for one request to Elasticsearch. The default is 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = WorkflowTraceDefaults.Timeout;

    /// <summary>Retries of a failed request within one batch attempt. The default is <c>3</c>.</summary>
    public int MaxRetries { get; set; } = WorkflowTraceDefaults.MaxRetries;

    /// <summary>
    /// How long a failing batch is retried, with back-off, before its events are given up and reported to the failure
    /// listener and SelfLog. The default is 10 minutes, as Serilog's own batching. With <see cref="BufferPath"/> it applies
    /// only to events the buffer's files could not take: a batch read from the files stays there and is tried again until
    /// delivered, <see cref="BufferSizeLimitBytes"/> bounding an outage.
    /// </summary>
    public TimeSpan RetryTimeLimit { get; set; } = WorkflowTraceDefaults.RetryTimeLimit;

    /// <summary>
    /// The longest closing the logger (<c>Dispose</c>, <c>Log.CloseAndFlush</c>) takes, whatever the cluster does:
    /// requests still in flight are cancelled and what was not delivered is reported. At most one hour. The default
    /// is 30 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = WorkflowTraceDefaults.ShutdownTimeout;

    /// <summary>
    /// Largest bulk request body in bytes: batches are cut to stay under it, and a single larger event is truncated.
    /// At least 4096. The default is 10 MiB (<c>10485760</c> bytes).
    /// </summary>
    public int MaxRequestBytes { get; set; } = WorkflowTraceDefaults.MaxRequestBytes;

    /// <summary>
    /// Send request bodies gzip-compressed (<c>Content-Encoding: gzip</c>). The default is <c>true</c>; switch it off
    /// for a server or proxy that cannot take compressed bodies.
    /// </summary>
    public bool CompressRequests { get; set; } = WorkflowTraceDefaults.CompressRequests;

    /// <summary>
    /// How long a failed node stays out of rotation after its first failure, doubling every second consecutive
    /// failure. The default is 60 seconds.
    /// </summary>
    public TimeSpan DeadTimeout { get; set; } = WorkflowTraceDefaults.DeadTimeout;

    /// <summary>The longest a failed node stays out of rotation. The default is 30 minutes.</summary>
    public TimeSpan MaxDeadTimeout { get; set; } = WorkflowTraceDefaults.MaxDeadTimeout;

    // The index template and lifecycle.

    /// <summary>
    /// Whether the index template (and lifecycle policy) is installed before the first write. The default is
    /// <see cref="WorkflowTraceBootstrapMode.Silent"/>: tried, and a failure reported through SelfLog.
    /// </summary>
    public WorkflowTraceBootstrapMode BootstrapMode { get; set; } = WorkflowTraceDefaults.BootstrapMode;

    /// <summary>
    /// Name of the index template (and lifecycle policy). The default, <c>null</c>, means the index name without its
    /// date part.
    /// </summary>
    public string? TemplateName { get; set; }

    /// <summary>Primary shards of new indices. The default is <c>1</c>.</summary>
    public int NumberOfShards { get; set; } = WorkflowTraceDefaults.NumberOfShards;

    /// <summary>Replicas of new indices. The default is <c>0</c>.</summary>
    public int NumberOfReplicas { get; set; } = WorkflowTraceDefaults.NumberOfReplicas;

    /// <summary>How often new documents become searchable. The default is one second.</summary>
    public TimeSpan RefreshInterval { get; set; } = WorkflowTraceDefaults.RefreshInterval;

    /// <summary>
    /// Priority of the index template; change it when another template matches the same indices at the same
    /// priority. The default is <c>200</c> (above Elasticsearch's built-in <c>logs-*-*</c> at 100).
    /// </summary>
    public int TemplatePriority { get; set; } = WorkflowTraceDefaults.TemplatePriority;

    /// <summary>
    /// Write to a data stream (documents carry <c>@timestamp</c>, the template declares <c>data_stream</c>). The
    /// default is <c>false</c>: plain indices.
    /// </summary>
    public bool DataStream { get; set; } = WorkflowTraceDefaults.DataStream;

    /// <summary>
    /// Keep documents this long: an ILM policy on Elasticsearch, an ISM policy on OpenSearch, a data stream lifecycle
    /// on serverless. The default is <c>null</c>: no lifecycle.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    // The durable buffer.

    /// <summary>
    /// A directory for the durable buffer: when set, every event is appended to files there before it is shipped,
    /// and shipped from there, so an outage is bounded by disk rather than <see cref="QueueLimit"/>, and what a
    /// process leaves (closed before delivery, or crashed) is shipped by the next one on the same path. One sink
    /// owns a directory; a second is refused. The default is <c>null</c>: events wait in memory only.
    /// </summary>
    public string? BufferPath { get; set; }

    /// <summary>
    /// The most bytes the durable buffer's files hold together; at least 65536. The default is 1 GiB
    /// (<c>1073741824</c> bytes). What happens when they are full is <see cref="BufferFullMode"/>.
    /// </summary>
    public long BufferSizeLimitBytes { get; set; } = WorkflowTraceDefaults.BufferSizeLimitBytes;

    /// <summary>
    /// How often the durable buffer's new lines are written and forced to disk (fsync): a process killed, or a
    /// machine losing power, loses at most the events of the last interval. <see cref="TimeSpan.Zero"/> writes
    /// through: each logging call returns only once its event is on disk (one fsync per call, shared by calls made
    /// at the same time). The default is two seconds.
    /// </summary>
    public TimeSpan BufferFlushInterval { get; set; } = WorkflowTraceDefaults.BufferFlushInterval;

    /// <summary>
    /// What a full durable buffer does: drop its oldest file, or refuse new events; either way each event lost is
    /// counted and reported. The default is <see cref="WorkflowTraceBufferFullMode.DropOldest"/>.
    /// </summary>
    public WorkflowTraceBufferFullMode BufferFullMode { get; set; } = WorkflowTraceDefaults.BufferFullMode;

    // What each document carries when the event does not say.

    /// <summary>Run id for events without a <c>RunId</c> property. The default is <c>null</c> (none).</summary>
    public string? RunId { get; set; }

    /// <summary>Parent run id for events without a <c>ParentRunId</c> property. The default is <c>null</c> (none).</summary>
    public string? ParentRunId { get; set; }

    /// <summary>Workflow name for events without a <c>WorkflowName</c> property. The default is <c>null</c> (none).</summary>
    public string? WorkflowName { get; set; }

    /// <summary>Stage name for events without a <c>StageName</c> property. The default is <c>null</c> (none).</summary>
    public string? StageName { get; set; }

    /// <summary>Job name for events without a <c>JobName</c> property. The default is <c>null</c> (none).</summary>
    public string? JobName { get; set; }

    /// <summary>Trace id for events with neither an activity nor a <c>TraceId</c> property. The default is <c>null</c> (none).</summary>
    public string? TraceId { get; set; }

    /// <summary>Span id for events with neither an activity nor a <c>SpanId</c> property. The default is <c>null</c> (none).</summary>
    public string? SpanId { get; set; }

    /// <summary>User id for events without a <c>UserId</c> property. The default is <c>null</c> (none).</summary>
    public string? UserId { get; set; }

    /// <summary>Tenant id for events without a <c>TenantId</c> property. The default is <c>null</c> (none).</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Environment for events without an <c>Environment</c> property. The default, <c>null</c>, means
    /// <c>DOTNET_ENVIRONMENT</c> or <c>ASPNETCORE_ENVIRONMENT</c>.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>Tags added to every document, before the event's own <c>Tags</c>. The default is none.</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>
    /// Version written as <c>package_version</c>. The default, <c>null</c>, means the entry assembly's informational
    /// version.
    /// </summary>
    public string? PackageVersion { get; set; }

    /// <summary>
    /// Fill <c>memory_usage_mb</c> and <c>cpu_usage_percent</c> from the process (sampled at most once a second) when
    /// the event has no such property. The default is <c>false</c>.
    /// </summary>
    public bool SampleProcessMetrics { get; set; } = WorkflowTraceDefaults.SampleProcessMetrics;
}
