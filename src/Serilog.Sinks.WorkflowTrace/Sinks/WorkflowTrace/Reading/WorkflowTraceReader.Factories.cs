using Microsoft.Extensions.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>
    /// A reader connected as the sink that the application's configuration sets up: the <c>"Name": "WorkflowTrace"</c>
    /// entry of <c>{section}:WriteTo</c> (see <see cref="WorkflowTraceConnection.FromConfiguration"/>).
    /// </summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="options">How to read; defaults when null.</param>
    /// <param name="section">The section holding Serilog's settings, or the path of one <c>WriteTo</c> entry.</param>
    /// <exception cref="InvalidOperationException">No WorkflowTrace entry, or several.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public static WorkflowTraceReader FromConfiguration(IConfiguration configuration, WorkflowTraceReaderOptions? options = null, string section = "Serilog") =>
        new(WorkflowTraceConnection.FromConfiguration(configuration, section), options);

    /// <summary>
    /// A reader connected by the <c>WORKFLOWTRACE_*</c> environment variables of the process
    /// (see <see cref="WorkflowTraceConnection.FromEnvironment"/>): <c>WORKFLOWTRACE_ES_URL</c> and its companions.
    /// </summary>
    /// <param name="options">How to read; defaults when null.</param>
    /// <exception cref="ArgumentException">A variable's value is invalid; the message names the variable.</exception>
    public static WorkflowTraceReader FromEnvironment(WorkflowTraceReaderOptions? options = null) =>
        new(WorkflowTraceConnection.FromEnvironment(), options);
}
