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
        string? shutdownTimeout = null,
        string? bufferPath = null,
        string? bufferSizeLimitBytes = null,
        string? bufferFlushInterval = null,
        string? bufferFullMode = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        try
        {
            // The one conversion of the texts, shared with the reader's WorkflowTraceConnection.
            var options = AppSettingsArgs.ToOptions(
                hosts: hosts,
                indexName: indexName,
                username: username,
                password: password,
                apiKey: apiKey,
                bufferSize: bufferSize,
                flushInterval: flushInterval,
                timeout: timeout,
                maxRetries: maxRetries,
                queueLimit: queueLimit,
                runId: runId,
                parentRunId: parentRunId,
                workflowName: workflowName,
                stageName: stageName,
                jobName: jobName,
                traceId: traceId,
                spanId: spanId,
                userId: userId,
                tenantId: tenantId,
                environment: environment,
                tags: tags,
                packageVersion: packageVersion,
                hostList: hostList,
                sampleProcessMetrics: sampleProcessMetrics,
                verifyCertificates: verifyCertificates,
                certificateFingerprint: certificateFingerprint,
                caCertificatePath: caCertificatePath,
                compressRequests: compressRequests,
                bootstrapMode: bootstrapMode,
                templateName: templateName,
                numberOfShards: numberOfShards,
                numberOfReplicas: numberOfReplicas,
                refreshInterval: refreshInterval,
                templatePriority: templatePriority,
                dataStream: dataStream,
                retention: retention,
                apiKeyId: apiKeyId,
                bearerToken: bearerToken,
                clientCertificatePath: clientCertificatePath,
                clientCertificatePassword: clientCertificatePassword,
                deadTimeout: deadTimeout,
                maxDeadTimeout: maxDeadTimeout,
                maxRequestBytes: maxRequestBytes,
                retryTimeLimit: retryTimeLimit,
                shutdownTimeout: shutdownTimeout,
                bufferPath: bufferPath,
                bufferSizeLimitBytes: bufferSizeLimitBytes,
                bufferFlushInterval: bufferFlushInterval,
                bufferFullMode: bufferFullMode);

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
