using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// How an index's shards sit on the cluster's nodes, as the allocator would place them: every primary is assigned,
/// a replica only on a node without a copy of its shard (so a single node leaves every replica unassigned: yellow).
/// </summary>
internal sealed record ShardLayout(int Primaries, int Replicas, int AssignedReplicas, long PrimaryStoreBytes)
{
    // What an empty Lucene index takes on disk, roughly (Elasticsearch shows 225b-250b for an empty shard).
    private const int EmptyShardBytes = 225;

    public static ShardLayout Of(FakeIndex index, int nodes)
    {
        var primaries = (int)(IndexSettings.Integer(index.Settings.Get("index.number_of_shards") ?? "1") ?? 1);
        var replicas = ReplicasOf(index.Settings, nodes);
        var source = index.Documents.Values.Sum(d => (long)Encoding.UTF8.GetByteCount(d.SourceJson));
        return new ShardLayout(primaries, replicas, Math.Min(replicas, Math.Max(0, nodes - 1)), (EmptyShardBytes * (long)primaries) + source);
    }

    /// <summary>Primaries and assigned replicas.</summary>
    public int ActiveShards => Primaries * (1 + AssignedReplicas);

    public int UnassignedShards => Primaries * (Replicas - AssignedReplicas);

    /// <summary><c>green</c> when every copy is assigned, else <c>yellow</c> (primaries always are: never red).</summary>
    public string Health => UnassignedShards == 0 ? "green" : "yellow";

    /// <summary>The store of every assigned copy.</summary>
    public long StoreBytes => PrimaryStoreBytes * (1 + AssignedReplicas);

    /// <summary>The worse of two health colours.</summary>
    public static string Worse(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string health) => health switch { "red" => 2, "yellow" => 1, _ => 0 };

    // index.auto_expand_replicas ("0-1", "0-all") follows the node count; otherwise index.number_of_replicas.
    private static int ReplicasOf(IndexSettings settings, int nodes)
    {
        if (settings.Get("index.auto_expand_replicas") is { } expand && expand != "false" && expand.Split('-') is [var low, var high])
        {
            var min = int.Parse(low, CultureInfo.InvariantCulture);
            var max = high == "all" ? nodes - 1 : int.Parse(high, CultureInfo.InvariantCulture);
            return Math.Clamp(nodes - 1, min, Math.Max(min, max));
        }

        return (int)(IndexSettings.Integer(settings.Get("index.number_of_replicas") ?? "1") ?? 1);
    }
}
