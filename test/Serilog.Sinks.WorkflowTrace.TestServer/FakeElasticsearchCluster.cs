namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Several <see cref="FakeElasticsearch"/> nodes, each listening on its own loopback port, that hold one cluster's
/// state, like the nodes of a real cluster: a document written through one node is there for every other (a
/// <c>create</c> of the same id through another node gets 409), and so are indices, templates and lifecycle policies.
/// Each node keeps its own recorded requests and faults, and can be stopped and restarted on its own.
/// </summary>
public sealed class FakeElasticsearchCluster : IAsyncDisposable
{
    private readonly FakeCluster _cluster;

    private FakeElasticsearchCluster(FakeCluster cluster, IReadOnlyList<FakeElasticsearch> nodes)
    {
        _cluster = cluster;
        Nodes = nodes;
        Urls = nodes.Select(n => n.Url).ToArray();
    }

    /// <summary>The nodes, in the order they were started.</summary>
    public IReadOnlyList<FakeElasticsearch> Nodes { get; }

    /// <summary>The nodes' base addresses, in the order of <see cref="Nodes"/>; a restarted node keeps its address.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>
    /// A snapshot of every request any node received, in arrival order (faulted ones included);
    /// <see cref="RecordedRequest.Node"/> tells which node took it.
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_cluster.Gate)
            {
                return Nodes.SelectMany(n => n.NumberedRequests()).OrderBy(r => r.Number).Select(r => r.Request).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the documents the cluster holds (see <see cref="FakeElasticsearch.Documents"/>).</summary>
    public IReadOnlyList<StoredDocument> Documents
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _cluster.Snapshot();
            }
        }
    }

    /// <summary>How many documents the cluster holds.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _cluster.DocumentCount;
            }
        }
    }

    /// <summary>
    /// Asked about every bulk item on every node (after one-shot <see cref="FaultQueue.FailItems"/> rules and the
    /// node's own <see cref="FakeElasticsearch.ItemRule"/>) before it is stored; a returned <see cref="ItemError"/>
    /// becomes the item's answer. Null processes items normally.
    /// </summary>
    public Func<BulkItemContext, ItemError?>? ItemRule
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _cluster.ItemRule;
            }
        }

        set
        {
            lock (_cluster.Gate)
            {
                _cluster.ItemRule = value;
            }
        }
    }

    /// <summary>Starts <paramref name="nodeCount"/> nodes on 127.0.0.1, each on a random free port, sharing one cluster.</summary>
    /// <param name="nodeCount">How many nodes; at least 1.</param>
    /// <param name="options">What every node is set up with (credentials, root body, TLS, ...); defaults when null.</param>
    public static async Task<FakeElasticsearchCluster> StartAsync(int nodeCount, FakeElasticsearchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        options ??= new FakeElasticsearchOptions();
        var cluster = FakeCluster.For(options);
        cluster.NodeCount = nodeCount;
        var nodes = new List<FakeElasticsearch>(nodeCount);
        try
        {
            for (var i = 0; i < nodeCount; i++)
            {
                nodes.Add(await FakeElasticsearch.StartNodeAsync(options, cluster));
            }
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }

        return new FakeElasticsearchCluster(cluster, nodes);
    }

    /// <summary>Completes once the cluster holds at least <paramref name="count"/> documents, whichever nodes they came through.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>; the message says how many.</exception>
    public Task WaitForDocumentsAsync(int count, TimeSpan timeout) =>
        _cluster.WaitForDocumentsAsync(count, timeout, () => Nodes.Sum(n => n.NumberedRequests().Count()));

    /// <summary>
    /// Forgets every node's recorded requests and pending faults, and the cluster's indices, documents, templates (the
    /// built-in ones come back) and lifecycle policies. Stopped nodes stay stopped; item rules stay.
    /// </summary>
    public void Reset()
    {
        lock (_cluster.Gate)
        {
            foreach (var node in Nodes)
            {
                node.ForgetRequests();
            }

            _cluster.Clear();
        }

        foreach (var node in Nodes)
        {
            node.Faults.Clear();
        }
    }

    /// <summary>Stops every node.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));
    }
}
