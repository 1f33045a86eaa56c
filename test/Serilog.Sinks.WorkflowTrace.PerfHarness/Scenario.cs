using Serilog.Core;
using Serilog.Core.Enrichers;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>The measured event: a context logger with 8 properties, built once, then one message with two holes.</summary>
static class Scenario
{
    public const string Template = "Processing {RecordCount} records for {Customer}";

    public static ILogger ContextLogger(ILogger logger) => logger.ForContext(new ILogEventEnricher[]
    {
        new PropertyEnricher("RunId", "run-20241124-7f3a9c2e"),
        new PropertyEnricher("WorkflowName", "data-pipeline"),
        new PropertyEnricher("StageName", "transform"),
        new PropertyEnricher("JobName", "normalize-customers"),
        new PropertyEnricher("JobId", "job-0042"),
        new PropertyEnricher("Attempt", 1),
        new PropertyEnricher("Environment", "production"),
        new PropertyEnricher("Region", "eu-west-1"),
    });

    public static void Log(ILogger context, int i) => context.Information(Template, i, "acme");
}
