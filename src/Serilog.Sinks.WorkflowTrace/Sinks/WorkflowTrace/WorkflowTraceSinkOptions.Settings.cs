using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace;

public sealed partial class WorkflowTraceSinkOptions
{
    /// <summary>
    /// Validates these options into the settings of one sink. Every entry point (the options object, the flat method,
    /// appsettings.json) comes through here, so all of them build the same sink from the same values. Throws an
    /// <see cref="ArgumentException"/> naming the setting by its appsettings.json key.
    /// </summary>
    internal WorkflowTraceSettings BuildSettings() => new WorkflowTraceSettingsBuilder
    {
        Hosts = Hosts,
        HostList = HostList,
        IndexName = IndexName,
        Username = Username,
        Password = Password,
        ApiKey = ApiKey,
        ApiKeyId = ApiKeyId,
        BearerToken = BearerToken,
        VerifyCertificates = VerifyCertificates,
        CertificateFingerprint = CertificateFingerprint,
        CaCertificatePath = CaCertificatePath,
        ClientCertificatePath = ClientCertificatePath,
        ClientCertificatePassword = ClientCertificatePassword,
        BufferSize = BufferSize,
        FlushInterval = FlushInterval,
        QueueLimit = QueueLimit,
        Timeout = Timeout,
        MaxRetries = MaxRetries,
        RetryTimeLimit = RetryTimeLimit,
        ShutdownTimeout = ShutdownTimeout,
        MaxRequestBytes = MaxRequestBytes,
        CompressRequests = CompressRequests,
        DeadTimeout = DeadTimeout,
        MaxDeadTimeout = MaxDeadTimeout,
        BootstrapMode = BootstrapMode,
        TemplateName = TemplateName,
        NumberOfShards = NumberOfShards,
        NumberOfReplicas = NumberOfReplicas,
        RefreshInterval = RefreshInterval,
        TemplatePriority = TemplatePriority,
        DataStream = DataStream,
        Retention = Retention,
        SampleProcessMetrics = SampleProcessMetrics,
        BufferPath = BufferPath,
        BufferSizeLimitBytes = BufferSizeLimitBytes,
        BufferFlushInterval = BufferFlushInterval,
        BufferFullMode = BufferFullMode,
        Context = new TraceContextDefaults
        {
            RunId = RunId,
            ParentRunId = ParentRunId,
            WorkflowName = WorkflowName,
            StageName = StageName,
            JobName = JobName,
            TraceId = TraceId,
            SpanId = SpanId,
            UserId = UserId,
            TenantId = TenantId,
            Environment = Environment,
            // Null only from code that ignores the nullable annotation: no tags, as before.
            Tags = Tags ?? [],
            PackageVersion = PackageVersion,
        },
    }.Build();
}
