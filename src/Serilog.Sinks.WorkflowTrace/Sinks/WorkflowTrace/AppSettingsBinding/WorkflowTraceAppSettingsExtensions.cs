using Serilog.Configuration;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.AppSettingsBinding;

/// <summary>
/// The entry Serilog.Settings.Configuration uses for <c>"Name": "WorkflowTrace"</c> in appsettings.json; code
/// calls <see cref="WorkflowTraceLoggerConfigurationExtensions.WorkflowTrace"/> instead (do not import this
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
    /// <inheritdoc cref="WorkflowTraceLoggerConfigurationExtensions.WorkflowTrace"/>
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
            return loggerSinkConfiguration.WorkflowTrace(
                hosts: hosts,
                indexName: indexName,
                username: username,
                password: password,
                apiKey: apiKey,
                bufferSize: SettingText.Integer(bufferSize, nameof(bufferSize), WorkflowTraceDefaults.BufferSize),
                flushInterval: SettingText.Duration(flushInterval, nameof(flushInterval)),
                timeout: SettingText.Duration(timeout, nameof(timeout)),
                maxRetries: SettingText.Integer(maxRetries, nameof(maxRetries), WorkflowTraceDefaults.MaxRetries),
                queueLimit: SettingText.Integer(queueLimit, nameof(queueLimit), WorkflowTraceDefaults.QueueLimit),
                restrictedToMinimumLevel: SettingText.Choice(restrictedToMinimumLevel, nameof(restrictedToMinimumLevel), LevelAlias.Minimum),
                levelSwitch: levelSwitch,
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
                sampleProcessMetrics: SettingText.Boolean(sampleProcessMetrics, nameof(sampleProcessMetrics), false),
                verifyCertificates: SettingText.Boolean(verifyCertificates, nameof(verifyCertificates), true),
                certificateFingerprint: certificateFingerprint,
                caCertificatePath: caCertificatePath,
                compressRequests: SettingText.Boolean(compressRequests, nameof(compressRequests), WorkflowTraceDefaults.CompressRequests),
                bootstrapMode: SettingText.Choice(bootstrapMode, nameof(bootstrapMode), WorkflowTraceBootstrapMode.Silent),
                templateName: templateName,
                numberOfShards: SettingText.Integer(numberOfShards, nameof(numberOfShards), WorkflowTraceDefaults.NumberOfShards),
                numberOfReplicas: SettingText.Integer(numberOfReplicas, nameof(numberOfReplicas), WorkflowTraceDefaults.NumberOfReplicas),
                refreshInterval: SettingText.Duration(refreshInterval, nameof(refreshInterval)),
                templatePriority: SettingText.Integer(templatePriority, nameof(templatePriority), WorkflowTraceDefaults.TemplatePriority),
                dataStream: SettingText.Boolean(dataStream, nameof(dataStream), false),
                retention: SettingText.Duration(retention, nameof(retention)),
                apiKeyId: apiKeyId,
                bearerToken: bearerToken,
                clientCertificatePath: clientCertificatePath,
                clientCertificatePassword: clientCertificatePassword,
                deadTimeout: SettingText.Duration(deadTimeout, nameof(deadTimeout)),
                maxDeadTimeout: SettingText.Duration(maxDeadTimeout, nameof(maxDeadTimeout)),
                maxRequestBytes: SettingText.Integer(maxRequestBytes, nameof(maxRequestBytes), WorkflowTraceDefaults.MaxRequestBytes),
                retryTimeLimit: SettingText.Duration(retryTimeLimit, nameof(retryTimeLimit)),
                shutdownTimeout: SettingText.Duration(shutdownTimeout, nameof(shutdownTimeout)));
        }
        catch (ArgumentException refused)
        {
            // The configuration reader wraps this in a TargetInvocationException; SelfLog shows the cause plainly.
            SelfLog.WriteLine("WorkflowTrace sink not configured: {0}", refused.Message);
            throw;
        }
    }
}
