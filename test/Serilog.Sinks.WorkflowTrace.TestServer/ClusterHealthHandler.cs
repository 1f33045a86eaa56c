using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// <c>GET _cluster/health</c> and <c>GET _cluster/health/{index}</c>, with Elasticsearch's answer: the status is the
/// worst of the indices' (green when there are none), shards are counted as <see cref="ShardLayout"/> places them.
/// </summary>
internal sealed class ClusterHealthHandler(FakeCluster cluster, string clusterName)
{
    public EsResponse Health(EsRequest request, string? expression)
    {
        var level = request.Param("level") ?? "cluster";
        if (level is not ("cluster" or "indices" or "shards"))
        {
            throw new EsErrorException(EsErrors.IllegalArgument($"No enum constant org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest.Level.{level.ToUpperInvariant()}"));
        }

        if (level == "shards")
        {
            throw new EsErrorException(EsErrors.Unsupported("[level=shards] in cluster health"));
        }

        // A concrete index that does not exist: the server waits for it until [timeout] (30s by default), then answers
        // 408, red. The fake answers at once.
        var missing = expression is not null && expression.Split(',').Any(p => !Wildcard.IsPattern(p) && p != "_all" && cluster.Find(p) is null);
        var indices = missing ? [] : Resolve(expression);
        var body = Body(indices, missing ? "red" : null);
        if (level == "indices")
        {
            var perIndex = new JsonObject();
            foreach (var index in indices.OrderBy(i => i.ConcreteName, StringComparer.Ordinal))
            {
                perIndex[index.ConcreteName] = IndexHealth(ShardLayout.Of(index, cluster.NodeCount));
            }

            body["indices"] = perIndex;
        }

        var status = body["status"]!.GetValue<string>();
        var timedOut = missing || (request.Param("wait_for_status") is { } wanted && Rank(status) > Rank(wanted));
        body["timed_out"] = timedOut;
        return EsResponse.Ok(body, timedOut ? 408 : 200);
    }

    /// <summary>The cluster-wide counts <c>_cat/health</c> shows too.</summary>
    public JsonObject Body(IReadOnlyCollection<FakeIndex> indices, string? forcedStatus = null)
    {
        var layouts = indices.Select(i => ShardLayout.Of(i, cluster.NodeCount)).ToList();
        var active = layouts.Sum(l => l.ActiveShards);
        var unassigned = layouts.Sum(l => l.UnassignedShards);
        var status = forcedStatus ?? layouts.Aggregate("green", (worst, l) => ShardLayout.Worse(worst, l.Health));
        var body = new JsonObject
        {
            ["cluster_name"] = clusterName,
            ["status"] = status,
            ["timed_out"] = false,
            ["number_of_nodes"] = cluster.NodeCount,
            ["number_of_data_nodes"] = cluster.NodeCount,
        };
        if (cluster.Profile.IsOpenSearch)
        {
            body["discovered_master"] = true;
            body["discovered_cluster_manager"] = true;
        }

        body["active_primary_shards"] = layouts.Sum(l => l.Primaries);
        body["active_shards"] = active;
        body["relocating_shards"] = 0;
        body["initializing_shards"] = 0;
        body["unassigned_shards"] = unassigned;
        body["delayed_unassigned_shards"] = 0;
        body["number_of_pending_tasks"] = 0;
        body["number_of_in_flight_fetch"] = 0;
        body["task_max_waiting_in_queue_millis"] = 0;
        body["active_shards_percent_as_number"] = active + unassigned == 0 ? 100.0 : 100.0 * active / (active + unassigned);
        return body;
    }

    /// <summary>The cluster's name from the root answer the server plays, as <c>GET /</c> gives it.</summary>
    public static string ClusterNameOf(string rootResponseJson)
    {
        try
        {
            return JsonNode.Parse(rootResponseJson)?["cluster_name"]?.GetValue<string>() ?? "elasticsearch";
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            return "elasticsearch";
        }
    }

    // Cluster health expands wildcards to hidden indices too and ignores what does not exist.
    private List<FakeIndex> Resolve(string? expression) =>
        expression is null or "_all" or "*"
            ? cluster.Indices.ToList()
            : cluster.Indices.Where(i => expression.Split(',').Any(p => Wildcard.Matches(p, i.Name) || Wildcard.Matches(p, i.ConcreteName))).ToList();

    private static JsonObject IndexHealth(ShardLayout layout) => new()
    {
        ["status"] = layout.Health,
        ["number_of_shards"] = layout.Primaries,
        ["number_of_replicas"] = layout.Replicas,
        ["active_primary_shards"] = layout.Primaries,
        ["active_shards"] = layout.ActiveShards,
        ["relocating_shards"] = 0,
        ["initializing_shards"] = 0,
        ["unassigned_shards"] = layout.UnassignedShards,
    };

    private static int Rank(string health) => health switch { "red" => 2, "yellow" => 1, _ => 0 };
}
