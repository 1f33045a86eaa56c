using System.Reflection;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.AppSettingsBinding;

/// <summary>
/// The one reading of the sink's appsettings.json <c>Args</c>, every value as text, into sink options: the
/// <c>"Name": "WorkflowTrace"</c> entry (<see cref="WorkflowTraceAppSettingsExtensions"/>, called by
/// Serilog.Settings.Configuration), the reader's <c>WorkflowTraceConnection.FromConfiguration</c> and
/// <c>FromEnvironment</c> all come through <see cref="ToOptions"/>, so a value means the same and a bad one is refused
/// with the same message wherever it is written. Its parameters are the appsettings.json method's, without the two
/// that only the logging pipeline uses (<c>restrictedToMinimumLevel</c>, <c>levelSwitch</c>); a test keeps the two
/// lists equal.
/// </summary>
static class AppSettingsArgs
{
    static readonly MethodInfo ToOptionsMethod = typeof(AppSettingsArgs).GetMethod(nameof(ToOptions), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The <c>Args</c> keys, with their types (<see cref="string"/> or <see cref="T:string[]"/>) and defaults.</summary>
    public static IReadOnlyList<ParameterInfo> Parameters { get; } = ToOptionsMethod.GetParameters();

    /// <summary>
    /// <see cref="ToOptions"/> with each argument looked up by its name (an <c>Args</c> key):
    /// <paramref name="valueOf"/> returns the text (or, for a list parameter, the texts) given, or null when the key is
    /// absent, which leaves the parameter's default. Throws what <see cref="ToOptions"/> throws, unwrapped.
    /// </summary>
    public static WorkflowTraceSinkOptions Bind(Func<ParameterInfo, object?> valueOf)
    {
        var arguments = Parameters.Select(p => valueOf(p) ?? p.DefaultValue).ToArray();
        return (WorkflowTraceSinkOptions)ToOptionsMethod.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
    }

    /// <summary>
    /// The options the given texts describe: only what was given is copied onto a new options object, whose
    /// initialisers are the defaults; a number, switch, duration or choice that does not read is refused with an
    /// <see cref="ArgumentException"/> naming its key.
    /// </summary>
    public static WorkflowTraceSinkOptions ToOptions(
        string? hosts = null,
        string indexName = WorkflowTraceDefaults.IndexName,
        string? username = null,
        string? password = null,
        string? apiKey = null,
        string? bufferSize = null,
        string? flushInterval = null,
        string? timeout = null,
        string? maxRetries = null,
        string? queueLimit = null,
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
        string? sampleProcessMetrics = null,
        string? verifyCertificates = null,
        string? certificateFingerprint = null,
        string? caCertificatePath = null,
        string? compressRequests = null,
        string? bootstrapMode = null,
        string? templateName = null,
        string? numberOfShards = null,
        string? numberOfReplicas = null,
        string? refreshInterval = null,
        string? templatePriority = null,
        string? dataStream = null,
        string? retention = null,
        string? apiKeyId = null,
        string? bearerToken = null,
        string? clientCertificatePath = null,
        string? clientCertificatePassword = null,
        string? deadTimeout = null,
        string? maxDeadTimeout = null,
        string? maxRequestBytes = null,
        string? retryTimeLimit = null,
        string? shutdownTimeout = null,
        string? bufferPath = null,
        string? bufferSizeLimitBytes = null,
        string? bufferFlushInterval = null,
        string? bufferFullMode = null)
    {
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
            CertificateFingerprint = certificateFingerprint,
            CaCertificatePath = caCertificatePath,
            ClientCertificatePath = clientCertificatePath,
            ClientCertificatePassword = clientCertificatePassword,
            TemplateName = templateName,
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
            BufferPath = bufferPath,
        };
        if (tags is not null)
            options.Tags = tags;
        options.BufferSize = SettingText.Integer(bufferSize, nameof(bufferSize), options.BufferSize);
        options.QueueLimit = SettingText.Integer(queueLimit, nameof(queueLimit), options.QueueLimit);
        options.MaxRetries = SettingText.Integer(maxRetries, nameof(maxRetries), options.MaxRetries);
        options.MaxRequestBytes = SettingText.Integer(maxRequestBytes, nameof(maxRequestBytes), options.MaxRequestBytes);
        options.NumberOfShards = SettingText.Integer(numberOfShards, nameof(numberOfShards), options.NumberOfShards);
        options.NumberOfReplicas = SettingText.Integer(numberOfReplicas, nameof(numberOfReplicas), options.NumberOfReplicas);
        options.TemplatePriority = SettingText.Integer(templatePriority, nameof(templatePriority), options.TemplatePriority);
        options.FlushInterval = SettingText.Duration(flushInterval, nameof(flushInterval)) ?? options.FlushInterval;
        options.Timeout = SettingText.Duration(timeout, nameof(timeout)) ?? options.Timeout;
        options.DeadTimeout = SettingText.Duration(deadTimeout, nameof(deadTimeout)) ?? options.DeadTimeout;
        options.MaxDeadTimeout = SettingText.Duration(maxDeadTimeout, nameof(maxDeadTimeout)) ?? options.MaxDeadTimeout;
        options.RefreshInterval = SettingText.Duration(refreshInterval, nameof(refreshInterval)) ?? options.RefreshInterval;
        options.Retention = SettingText.Duration(retention, nameof(retention)) ?? options.Retention;
        options.RetryTimeLimit = SettingText.Duration(retryTimeLimit, nameof(retryTimeLimit)) ?? options.RetryTimeLimit;
        options.ShutdownTimeout = SettingText.Duration(shutdownTimeout, nameof(shutdownTimeout)) ?? options.ShutdownTimeout;
        options.SampleProcessMetrics = SettingText.Boolean(sampleProcessMetrics, nameof(sampleProcessMetrics), options.SampleProcessMetrics);
        options.VerifyCertificates = SettingText.Boolean(verifyCertificates, nameof(verifyCertificates), options.VerifyCertificates);
        options.CompressRequests = SettingText.Boolean(compressRequests, nameof(compressRequests), options.CompressRequests);
        options.DataStream = SettingText.Boolean(dataStream, nameof(dataStream), options.DataStream);
        options.BootstrapMode = SettingText.Choice(bootstrapMode, nameof(bootstrapMode), options.BootstrapMode);
        options.BufferSizeLimitBytes = SettingText.LongInteger(bufferSizeLimitBytes, nameof(bufferSizeLimitBytes), options.BufferSizeLimitBytes);
        options.BufferFlushInterval = SettingText.Duration(bufferFlushInterval, nameof(bufferFlushInterval)) ?? options.BufferFlushInterval;
        options.BufferFullMode = SettingText.Choice(bufferFullMode, nameof(bufferFullMode), options.BufferFullMode);
        return options;
    }
}
