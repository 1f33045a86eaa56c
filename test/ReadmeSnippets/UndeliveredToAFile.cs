using Serilog;

namespace ReadmeSnippets;

/// <summary>README.md, "When the cluster is unreachable": a fallback for undelivered events.</summary>
static class UndeliveredToAFile
{
    public static LoggerConfiguration Configure(LoggerConfiguration configuration) => configuration
        .WriteTo.FallbackChain(
            wt => wt.WorkflowTrace(hosts: "http://localhost:9200"),
            wt => wt.File("undelivered-traces.json"));
}
