using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.ReadingExamples;

/// <summary>The original's "Health Checks": the cluster's health.</summary>
static class HealthChecks
{
    public static async Task RunAsync(WorkflowTraceReader reader)
    {
        // client.cluster.health()
        var health = await reader.GetClusterHealthAsync();
        Console.WriteLine($"Cluster status: {health.Status} ({health.ClusterName}, {health.NumberOfNodes} node(s), " +
                          $"{health.ActiveShards} active shards, {health.UnassignedShards} unassigned)");
    }
}
