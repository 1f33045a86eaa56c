using Microsoft.Extensions.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The sink's connection settings from where an application keeps them: the appsettings.json section whose
/// <c>WriteTo</c> entry configures the sink, or environment variables. What is returned serves the sink
/// (<c>WriteTo.WorkflowTrace(options)</c>) and the reader (<see cref="WorkflowTraceReader"/>) alike, so both reach the
/// same cluster with the same credentials, TLS and timeouts.
/// </summary>
public static class WorkflowTraceConnection
{
    /// <summary>
    /// The options of the <c>"Name": "WorkflowTrace"</c> entry of <c>{section}:WriteTo</c> (its <c>Args</c>), read as the
    /// sink reads them: the same keys, the same conversion, the same messages for a bad value. <c>WriteTo</c> may be an
    /// array or an object of named entries, as Serilog.Settings.Configuration allows; the name must be written
    /// <c>WorkflowTrace</c> exactly, as it must there. <c>restrictedToMinimumLevel</c> and <c>levelSwitch</c> concern
    /// only the logging pipeline and are not read.
    /// </summary>
    /// <param name="configuration">The application's configuration (appsettings.json and whatever else it reads).</param>
    /// <param name="section">
    /// The section holding Serilog's settings (default <c>Serilog</c>); or the path of one <c>WriteTo</c> entry
    /// (<c>Serilog:WriteTo:1</c>) to choose among several WorkflowTrace entries.
    /// </param>
    /// <exception cref="InvalidOperationException">The section has no WorkflowTrace entry, or several; the message names the section.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it, as the sink's does, and shows no credential.</exception>
    public static WorkflowTraceSinkOptions FromConfiguration(IConfiguration configuration, string section = "Serilog")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        var options = SinkConfigurationEntry.Read(SinkConfigurationEntry.FindArgs(configuration, section));
        _ = options.BuildSettings();
        return options;
    }

    /// <summary>
    /// The options given by <c>WORKFLOWTRACE_*</c> environment variables: <c>WORKFLOWTRACE_ES_URL</c> (one URL, or
    /// several separated by commas or semicolons; default <c>http://localhost:9200</c>), <c>WORKFLOWTRACE_INDEX</c>,
    /// <c>WORKFLOWTRACE_DATA_STREAM</c>, <c>WORKFLOWTRACE_USERNAME</c>, <c>WORKFLOWTRACE_PASSWORD</c>,
    /// <c>WORKFLOWTRACE_API_KEY</c>, <c>WORKFLOWTRACE_API_KEY_ID</c>, <c>WORKFLOWTRACE_BEARER_TOKEN</c>,
    /// <c>WORKFLOWTRACE_CA_CERTIFICATE</c>, <c>WORKFLOWTRACE_CERTIFICATE_FINGERPRINT</c>,
    /// <c>WORKFLOWTRACE_VERIFY_CERTIFICATES</c>, <c>WORKFLOWTRACE_CLIENT_CERTIFICATE</c>,
    /// <c>WORKFLOWTRACE_CLIENT_CERTIFICATE_PASSWORD</c>, <c>WORKFLOWTRACE_TIMEOUT</c>, <c>WORKFLOWTRACE_MAX_RETRIES</c>,
    /// <c>WORKFLOWTRACE_COMPRESS_REQUESTS</c>. Each stands for the appsettings.json key of the same meaning and is
    /// written the same way (a duration as <c>hh:mm:ss</c>); an absent or blank variable leaves the default.
    /// </summary>
    /// <param name="variables">The variables to read; the process environment when null.</param>
    /// <exception cref="ArgumentException">A variable's value is invalid; the message names the variable and shows no credential.</exception>
    public static WorkflowTraceSinkOptions FromEnvironment(IReadOnlyDictionary<string, string?>? variables = null) =>
        ConnectionVariables.Read(variables is null
            ? Environment.GetEnvironmentVariable
            : name => variables.TryGetValue(name, out var value) ? value : null);
}
