using Serilog.Sinks.WorkflowTrace;

namespace ReadmeSnippets;

/// <summary>README.md, "Monitoring": a snapshot of each open sink.</summary>
static class HealthReport
{
    public static void Write()
    {
        foreach (var sink in WorkflowTraceMonitoring.GetStatus())
            Console.WriteLine($"{sink.IndexName}: {sink.BufferedEvents}/{sink.QueueLimit} buffered, " +
                              $"{sink.LiveNodes}/{sink.Nodes.Count} nodes live, last error: {sink.LastError ?? "none"}");
    }
}
