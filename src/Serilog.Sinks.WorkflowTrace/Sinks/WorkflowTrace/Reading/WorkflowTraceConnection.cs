using Microsoft.Extensions.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The sink's connection settings from where an application keeps them: the appsettings.json section whose
/// <c>WriteTo</c> entry configures the sink, or environment variables. What is returned serves the sink and the
/// reader alike.
/// </summary>
public static class WorkflowTraceConnection
{
    /// <summary>
    /// The options of the <c>"Name": "WorkflowTrace"</c> entry of <c>{section}:WriteTo</c> (its <c>Args</c>), read
    /// as the sink reads them.
    /// </summary>
    public static WorkflowTraceSinkOptions FromConfiguration(IConfiguration configuration, string section = "Serilog") =>
        throw new NotImplementedException("reader-config");

    /// <summary>The options given by <c>WORKFLOWTRACE_*</c> environment variables (<c>WORKFLOWTRACE_ES_URL</c>, ...).</summary>
    public static WorkflowTraceSinkOptions FromEnvironment(IReadOnlyDictionary<string, string?>? variables = null) =>
        throw new NotImplementedException("reader-config");
}
