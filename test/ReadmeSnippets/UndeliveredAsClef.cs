using Serilog;
using Serilog.Formatting.Compact;

namespace ReadmeSnippets;

/// <summary>
/// README.md, "Delivery and failures": undelivered events kept as CLEF, which <c>workflow-trace replay</c> ships
/// into the cluster once it is back.
/// </summary>
static class UndeliveredAsClef
{
    public static LoggerConfiguration Configure(LoggerConfiguration configuration) => configuration
        .WriteTo.FallbackChain(
            wt => wt.WorkflowTrace(hosts: "http://localhost:9200"),
            wt => wt.File(new CompactJsonFormatter(), "undelivered.clef"));
}
