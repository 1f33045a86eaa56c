using Serilog.Configuration;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.AppSettingsBinding;

/// <summary>
/// The entry Serilog.Settings.Configuration uses for <c>"Name": "WorkflowTrace"</c> in appsettings.json; code
/// calls <c>WriteTo.WorkflowTrace(...)</c> of <see cref="WorkflowTraceLoggerConfigurationExtensions"/> instead (do not import this
/// namespace). Its parameters are those of the code method, with every number, switch, duration and choice taken
/// as text: Serilog.Settings.Configuration prefers the candidate with the most string parameters, so the sink
/// reads those values itself and a bad one is refused with an <see cref="ArgumentException"/> naming the setting,
/// where the configuration reader would throw a bare <see cref="FormatException"/> naming nothing. The refusal is
/// also written to <see cref="SelfLog"/>. The configuration reader calls this method by reflection, so the
/// exception reaches the application as the inner exception of a
/// <see cref="System.Reflection.TargetInvocationException"/>.
/// </summary>
public static class WorkflowTraceAppSettingsExtensions
{
    // Not an inheritdoc of the flat method: with overloads beside it, the cref would need its whole signature, which
    // stops resolving (and breaks the build) whenever an option is added.
    /// <summary>
    /// Writes events to Elasticsearch as workflow trace documents, configured from appsettings.json. The parameters
    /// are those of the flat <c>WriteTo.WorkflowTrace(...)</c> method (documented there and on
    /// <see cref="WorkflowTraceSinkOptions"/>), the non-string ones taken as text.
    /// </summary>
    /// <returns>Configuration object allowing method chaining.</returns>
    public static LoggerConfiguration WorkflowTrace(
        this LoggerSinkConfiguration loggerSinkConfiguration,
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
        string? restrictedToMinimumLevel = null,
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
        string? shutdownTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        try
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

            return WorkflowTraceLoggerConfigurationExtensions.WorkflowTrace(
                loggerSinkConfiguration,
                options,
                SettingText.Choice(restrictedToMinimumLevel, nameof(restrictedToMinimumLevel), LevelAlias.Minimum),
                levelSwitch);
        }
        catch (ArgumentException refused)
        {
            // The configuration reader wraps this in a TargetInvocationException; SelfLog shows the cause plainly.
            SelfLog.WriteLine("WorkflowTrace sink not configured: {0}", refused.Message);
            throw;
        }
    }
}
