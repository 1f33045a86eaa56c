using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog;

/// <summary>
/// Adds <c>WriteTo.WorkflowTrace(...)</c>: Serilog events become workflow trace documents in Elasticsearch.
/// </summary>
public static class WorkflowTraceLoggerConfigurationExtensions
{
    /// <summary>
    /// Writes events to Elasticsearch as workflow trace documents (one document per event, the field set of the
    /// data contract), shipped in batches with the <c>_bulk</c> API. The parameter names are also the keys of the
    /// sink's <c>Args</c> in appsettings.json. Invalid settings throw <see cref="ArgumentException"/> naming the
    /// setting. New options are added to <see cref="WorkflowTraceSinkOptions"/> (the overloads taking it); this
    /// method copies its arguments onto one.
    /// </summary>
    /// <param name="loggerSinkConfiguration">Logger sink configuration.</param>
    /// <param name="hosts">Elasticsearch URL, or several (the nodes of one cluster) separated by commas or semicolons. Default <c>http://localhost:9200</c>. Basic-auth credentials may be given as the URL's user-info (<c>https://user:password@host:9200</c>).</param>
    /// <param name="indexName">Index the documents are written to. Default <c>workflow-traces</c>.</param>
    /// <param name="username">User for basic authentication; requires <paramref name="password"/>.</param>
    /// <param name="password">Password for basic authentication. Never written to any log or message.</param>
    /// <param name="apiKey">Elasticsearch API key: encoded as Elasticsearch returns it, or <c>id:api_key</c>, or the key alone with <paramref name="apiKeyId"/>.</param>
    /// <param name="bufferSize">Events per bulk request; a full buffer is sent at once. Default 5000 (the Python handler's is 100; see the README's performance tuning).</param>
    /// <param name="flushInterval">Longest time an event waits before its batch is sent. Default 2 seconds.</param>
    /// <param name="timeout">Time allowed for one request to Elasticsearch. Default 30 seconds.</param>
    /// <param name="maxRetries">Retries of a failed request within one batch attempt. Default 3.</param>
    /// <param name="queueLimit">Most events held in memory waiting to be sent; events beyond it are reported to the failure listener and SelfLog, not silently dropped. Default 100,000.</param>
    /// <param name="restrictedToMinimumLevel">Minimum level of events passed to the sink. Default <see cref="LevelAlias.Minimum"/>.</param>
    /// <param name="levelSwitch">Switch to change the minimum level at run time; overrides <paramref name="restrictedToMinimumLevel"/>.</param>
    /// <param name="runId">Run id for events without a <c>RunId</c> property.</param>
    /// <param name="parentRunId">Parent run id for events without a <c>ParentRunId</c> property.</param>
    /// <param name="workflowName">Workflow name for events without a <c>WorkflowName</c> property.</param>
    /// <param name="stageName">Stage name for events without a <c>StageName</c> property.</param>
    /// <param name="jobName">Job name for events without a <c>JobName</c> property.</param>
    /// <param name="traceId">Trace id for events with neither an activity nor a <c>TraceId</c> property.</param>
    /// <param name="spanId">Span id for events with neither an activity nor a <c>SpanId</c> property.</param>
    /// <param name="userId">User id for events without a <c>UserId</c> property.</param>
    /// <param name="tenantId">Tenant id for events without a <c>TenantId</c> property.</param>
    /// <param name="environment">Environment for events without an <c>Environment</c> property. Default: <c>DOTNET_ENVIRONMENT</c> or <c>ASPNETCORE_ENVIRONMENT</c>.</param>
    /// <param name="tags">Tags added to every document, before the event's own <c>Tags</c>.</param>
    /// <param name="packageVersion">Version written as <c>package_version</c>. Default: the entry assembly's informational version.</param>
    /// <param name="hostList">Elasticsearch URLs as a list (appsettings.json arrays); combined with <paramref name="hosts"/>.</param>
    /// <param name="sampleProcessMetrics">Fill <c>memory_usage_mb</c> and <c>cpu_usage_percent</c> from the process (sampled at most once a second) when the event has no such property. Default false.</param>
    /// <param name="verifyCertificates">Verify the server's TLS certificate. Default true; switch off only for testing. Refused together with <paramref name="certificateFingerprint"/> or <paramref name="caCertificatePath"/>.</param>
    /// <param name="certificateFingerprint">Hex SHA-256 fingerprint (colons allowed) of the certificate to trust, as Elasticsearch prints it at first start: the server's own certificate (trusted as it is), or an authority the server presents that signed its chain (the host name must match). With <paramref name="caCertificatePath"/>, both checks must pass. https:// hosts only.</param>
    /// <param name="caCertificatePath">Path of a PEM (one or more certificates) or DER file with the CA certificate that issued the server's certificate, directly or through intermediates the server presents. https:// hosts only.</param>
    /// <param name="bootstrapMode">Whether the index template (and lifecycle policy) is installed before the first write: <see cref="WorkflowTraceBootstrapMode.Silent"/> (default) tries and reports failures through SelfLog, <see cref="WorkflowTraceBootstrapMode.Failure"/> holds events back until it succeeds, <see cref="WorkflowTraceBootstrapMode.None"/> never touches templates.</param>
    /// <param name="templateName">Name of the index template (and lifecycle policy). Default: the index name without its date part.</param>
    /// <param name="numberOfShards">Primary shards of new indices. Default 1.</param>
    /// <param name="numberOfReplicas">Replicas of new indices. Default 0.</param>
    /// <param name="refreshInterval">How often new documents become searchable. Default 1 second.</param>
    /// <param name="templatePriority">Priority of the index template; change it when another template matches the same indices at the same priority. Default 200 (above Elasticsearch's built-in logs-*-* at 100).</param>
    /// <param name="dataStream">Write to a data stream (documents carry <c>@timestamp</c>, the template declares <c>data_stream</c>). Default false: plain indices, with <c>@timestamp</c> an alias of <c>datetime</c>.</param>
    /// <param name="retention">Keep documents this long: an ILM policy on Elasticsearch, an ISM policy on OpenSearch, a data stream lifecycle on serverless. Default: no lifecycle.</param>
    /// <param name="compressRequests">Send request bodies gzip-compressed (<c>Content-Encoding: gzip</c>): far fewer bytes on the wire for little CPU. Default true, as in Elastic's own clients; switch it off for a server or proxy that cannot take compressed bodies.</param>
    /// <param name="apiKeyId">The id of the API key given in <paramref name="apiKey"/>, when they are given apart.</param>
    /// <param name="bearerToken">A bearer token (<c>Authorization: Bearer</c>), e.g. from Elasticsearch's token service or an OAuth proxy.</param>
    /// <param name="clientCertificatePath">TLS client certificate: a PKCS#12 file (.pfx/.p12) or a PEM file with the certificate and its private key. https:// hosts only.</param>
    /// <param name="clientCertificatePassword">Password of the client certificate file, when it has one.</param>
    /// <param name="deadTimeout">How long a failed node stays out of rotation after its first failure, doubling every second consecutive failure. Default 60 seconds.</param>
    /// <param name="maxDeadTimeout">The longest a failed node stays out of rotation. Default 30 minutes.</param>
    /// <param name="maxRequestBytes">Largest bulk request body in bytes: batches are cut to stay under it, and a single larger event is truncated. Default 10 MiB.</param>
    /// <param name="retryTimeLimit">How long a batch that cannot be delivered is retried (with back-off) before its events are given up and reported to the failure listener and SelfLog. Default 10 minutes, as Serilog's batching. With <paramref name="bufferPath"/> it applies only to events the buffer's files could not take: a batch read from the files stays there and is tried again until delivered, the buffer's size limit bounding an outage.</param>
    /// <param name="shutdownTimeout">The longest closing the logger (<c>Dispose</c>, <c>CloseAndFlush</c>) takes, whatever the cluster does: requests still in flight then are cancelled, and every event not delivered is reported to the failure listener and SelfLog. Default 30 seconds; at most one hour.</param>
    /// <param name="bufferPath">A directory for the durable buffer: every event is appended to files there before it is shipped, and shipped from there, so an outage is bounded by disk and what a process leaves is shipped by the next one on the same path. Default: none (events wait in memory only).</param>
    /// <param name="bufferSizeLimitBytes">The most bytes the durable buffer's files hold together; at least 65536. Default 1 GiB.</param>
    /// <param name="bufferFlushInterval">How often the durable buffer's new lines are written and fsynced: a crash loses at most the last interval's events. Zero writes through (each logging call returns once its event is on disk). Default 2 seconds.</param>
    /// <param name="bufferFullMode">What a full durable buffer does: <see cref="WorkflowTraceBufferFullMode.DropOldest"/> (default) or <see cref="WorkflowTraceBufferFullMode.RefuseNew"/>; each event lost is counted and reported.</param>
    /// <returns>Configuration object allowing method chaining.</returns>
    public static LoggerConfiguration WorkflowTrace(
        this LoggerSinkConfiguration loggerSinkConfiguration,
        string? hosts = null,
        string indexName = WorkflowTraceDefaults.IndexName,
        string? username = null,
        string? password = null,
        string? apiKey = null,
        int bufferSize = WorkflowTraceDefaults.BufferSize,
        TimeSpan? flushInterval = null,
        TimeSpan? timeout = null,
        int maxRetries = WorkflowTraceDefaults.MaxRetries,
        int queueLimit = WorkflowTraceDefaults.QueueLimit,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        string? runId = null,
        string? parentRunId = null,
        string? workflowName = null,
        string? stageName = null,
        string? jobName = null,
        string? traceId = null,
        string? spanId = null,
        string? userId = null,
        string? tenantId = null,
        string? environment = null,
        string[]? tags = null,
        string? packageVersion = null,
        string[]? hostList = null,
        bool sampleProcessMetrics = WorkflowTraceDefaults.SampleProcessMetrics,
        bool verifyCertificates = WorkflowTraceDefaults.VerifyCertificates,
        string? certificateFingerprint = null,
        string? caCertificatePath = null,
        bool compressRequests = WorkflowTraceDefaults.CompressRequests,
        WorkflowTraceBootstrapMode bootstrapMode = WorkflowTraceDefaults.BootstrapMode,
        string? templateName = null,
        int numberOfShards = WorkflowTraceDefaults.NumberOfShards,
        int numberOfReplicas = WorkflowTraceDefaults.NumberOfReplicas,
        TimeSpan? refreshInterval = null,
        int templatePriority = WorkflowTraceDefaults.TemplatePriority,
        bool dataStream = WorkflowTraceDefaults.DataStream,
        TimeSpan? retention = null,
        string? apiKeyId = null,
        string? bearerToken = null,
        string? clientCertificatePath = null,
        string? clientCertificatePassword = null,
        TimeSpan? deadTimeout = null,
        TimeSpan? maxDeadTimeout = null,
        int maxRequestBytes = WorkflowTraceDefaults.MaxRequestBytes,
        TimeSpan? retryTimeLimit = null,
        TimeSpan? shutdownTimeout = null,
        string? bufferPath = null,
        long bufferSizeLimitBytes = WorkflowTraceDefaults.BufferSizeLimitBytes,
        TimeSpan? bufferFlushInterval = null,
        WorkflowTraceBufferFullMode bufferFullMode = WorkflowTraceDefaults.BufferFullMode)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);

        // Only copies what was given onto the options object, whose initialisers are the defaults: the one source.
        var options = new WorkflowTraceSinkOptions
        {
            Hosts = hosts,
            HostList = hostList,
            IndexName = indexName,
            Username = username,
            Password = password,
            ApiKey = apiKey,
            ApiKeyId = apiKeyId,
            BearerToken = bearerToken,
            VerifyCertificates = verifyCertificates,
            CertificateFingerprint = certificateFingerprint,
            CaCertificatePath = caCertificatePath,
            ClientCertificatePath = clientCertificatePath,
            ClientCertificatePassword = clientCertificatePassword,
            BufferSize = bufferSize,
            QueueLimit = queueLimit,
            MaxRetries = maxRetries,
            MaxRequestBytes = maxRequestBytes,
            CompressRequests = compressRequests,
            BootstrapMode = bootstrapMode,
            TemplateName = templateName,
            NumberOfShards = numberOfShards,
            NumberOfReplicas = numberOfReplicas,
            TemplatePriority = templatePriority,
            DataStream = dataStream,
            Retention = retention,
            RunId = runId,
            ParentRunId = parentRunId,
            WorkflowName = workflowName,
            StageName = stageName,
            JobName = jobName,
            TraceId = traceId,
            SpanId = spanId,
            UserId = userId,
            TenantId = tenantId,
            Environment = environment,
            PackageVersion = packageVersion,
            SampleProcessMetrics = sampleProcessMetrics,
            BufferPath = bufferPath,
            BufferSizeLimitBytes = bufferSizeLimitBytes,
            BufferFullMode = bufferFullMode,
        };
        options.Tags = tags ?? options.Tags;
        options.FlushInterval = flushInterval ?? options.FlushInterval;
        options.Timeout = timeout ?? options.Timeout;
        options.DeadTimeout = deadTimeout ?? options.DeadTimeout;
        options.MaxDeadTimeout = maxDeadTimeout ?? options.MaxDeadTimeout;
        options.RefreshInterval = refreshInterval ?? options.RefreshInterval;
        options.RetryTimeLimit = retryTimeLimit ?? options.RetryTimeLimit;
        options.ShutdownTimeout = shutdownTimeout ?? options.ShutdownTimeout;
        options.BufferFlushInterval = bufferFlushInterval ?? options.BufferFlushInterval;

        return loggerSinkConfiguration.WorkflowTrace(options, restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>
    /// Writes events to Elasticsearch as workflow trace documents (one document per event, the field set of the
    /// data contract), shipped in batches with the <c>_bulk</c> API, configured by an options object. Invalid
    /// options throw <see cref="ArgumentException"/> naming the setting.
    /// </summary>
    /// <param name="loggerSinkConfiguration">Logger sink configuration.</param>
    /// <param name="options">The sink's options; read once, here: later changes to the object have no effect.</param>
    /// <param name="restrictedToMinimumLevel">Minimum level of events passed to the sink. Default <see cref="LevelAlias.Minimum"/>.</param>
    /// <param name="levelSwitch">Switch to change the minimum level at run time; overrides <paramref name="restrictedToMinimumLevel"/>.</param>
    /// <returns>Configuration object allowing method chaining.</returns>
    public static LoggerConfiguration WorkflowTrace(
        this LoggerSinkConfiguration loggerSinkConfiguration,
        WorkflowTraceSinkOptions options,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        ArgumentNullException.ThrowIfNull(options);

        var settings = options.BuildSettings();
        var sink = CreateSinkOverride.Value is { } create ? create(settings) : WorkflowTraceSinkFactory.Create(settings);
        return loggerSinkConfiguration.Sink(sink, restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>
    /// Writes events to Elasticsearch as workflow trace documents, with options set by <paramref name="configure"/>
    /// on a <see cref="WorkflowTraceSinkOptions"/> that starts at the defaults. Invalid options throw
    /// <see cref="ArgumentException"/> naming the setting.
    /// </summary>
    /// <param name="loggerSinkConfiguration">Logger sink configuration.</param>
    /// <param name="configure">Sets the options that differ from their defaults.</param>
    /// <param name="restrictedToMinimumLevel">Minimum level of events passed to the sink. Default <see cref="LevelAlias.Minimum"/>.</param>
    /// <param name="levelSwitch">Switch to change the minimum level at run time; overrides <paramref name="restrictedToMinimumLevel"/>.</param>
    /// <returns>Configuration object allowing method chaining.</returns>
    public static LoggerConfiguration WorkflowTrace(
        this LoggerSinkConfiguration loggerSinkConfiguration,
        Action<WorkflowTraceSinkOptions> configure,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new WorkflowTraceSinkOptions();
        configure(options);
        return loggerSinkConfiguration.WorkflowTrace(options, restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>
    /// A seam for tests: when set (for the current async flow only), the validated settings go to this function
    /// instead of the sink factory, so a test can compare what each entry point builds without starting a sink.
    /// </summary>
    internal static readonly AsyncLocal<Func<WorkflowTraceSettings, ILogEventSink>?> CreateSinkOverride = new();
}
