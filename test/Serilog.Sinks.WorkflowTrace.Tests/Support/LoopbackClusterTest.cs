using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Starts loopback clusters of several nodes for a test and stops them all after it.</summary>
public abstract class LoopbackClusterTest
{
    protected static readonly TimeSpan Patience = Eventually.Patience;

    readonly List<FakeElasticsearchCluster> _clusters = [];

    [TearDown]
    public async Task StopClusters()
    {
        foreach (var cluster in _clusters)
            await cluster.DisposeAsync();
        _clusters.Clear();
    }

    protected async Task<FakeElasticsearchCluster> Start(int nodes, FakeElasticsearchOptions? options = null)
    {
        var cluster = await FakeElasticsearchCluster.StartAsync(nodes, options);
        _clusters.Add(cluster);
        return cluster;
    }
}
