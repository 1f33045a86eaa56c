using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// <c>GET _cat/indices[/{target}]</c> and <c>GET _cat/health</c>, with Elasticsearch's columns and aliases. Counts
/// and sizes come from what the fake holds (a document's size is its source's); a data stream is listed as its
/// backing index, as Elasticsearch lists it.
/// </summary>
internal sealed class CatHandler(FakeCluster cluster, ClusterHealthHandler health)
{
    private static readonly CatColumn[] IndexColumns =
    [
        new("health", ["h"]),
        new("status", ["s"]),
        new("index", ["i", "idx"]),
        new("uuid", ["id"]),
        new("pri", ["p", "shards.primary", "shardsPrimary"]),
        new("rep", ["r", "shards.replica", "shardsReplica"]),
        new("docs.count", ["dc", "docsCount"]),
        new("docs.deleted", ["dd", "docsDeleted"]),
        new("creation.date", ["cd"], Default: false),
        new("creation.date.string", ["cds"], Default: false),
        new("store.size", ["ss", "storeSize"]),
        new("pri.store.size", []),
        new("dataset.size", []),
    ];

    private static readonly CatColumn[] HealthColumns =
    [
        new("epoch", ["t", "time"]),
        new("timestamp", ["ts", "hms", "hhmmss"]),
        new("cluster", ["cl"]),
        new("status", ["st"]),
        new("node.total", ["nt", "nodeTotal"]),
        new("node.data", ["nd", "nodeData"]),
        new("shards", ["t", "sh", "shards.total", "shardsTotal"]),
        new("pri", ["p", "shards.primary", "shardsPrimary"]),
        new("relo", ["r", "shards.relocating", "shardsRelocating"]),
        new("init", ["i", "shards.initializing", "shardsInitializing"]),
        new("unassign", ["u", "shards.unassigned", "shardsUnassigned"]),
        new("unassign.pri", ["up", "shards.unassigned.primary", "shardsUnassignedPrimary"]),
        new("pending_tasks", ["pt", "pendingTasks"]),
        new("max_task_wait_time", ["mtwt", "maxTaskWaitTime"]),
        new("active_shards_percent", ["asp", "activeShardsPercent"]),
    ];

    public EsResponse Indices(EsRequest request, string? target)
    {
        var bytes = request.Param("bytes");
        var wanted = request.Param("health");
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        foreach (var index in Resolve(target, request.Param("expand_wildcards")))
        {
            var layout = ShardLayout.Of(index, cluster.NodeCount);
            if (wanted is not null && wanted != layout.Health)
            {
                continue;
            }

            var size = CatTable.Bytes(layout.StoreBytes, bytes);
            rows.Add(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["health"] = layout.Health,
                ["status"] = "open",
                ["index"] = index.ConcreteName,
                ["uuid"] = index.Uuid,
                ["pri"] = Text(layout.Primaries),
                ["rep"] = Text(layout.Replicas),
                ["docs.count"] = Text(index.Documents.Count),
                ["docs.deleted"] = "0",
                ["creation.date"] = Text(index.CreatedAt.ToUnixTimeMilliseconds()),
                ["creation.date.string"] = index.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["store.size"] = size,
                ["pri.store.size"] = CatTable.Bytes(layout.PrimaryStoreBytes, bytes),
                ["dataset.size"] = CatTable.Bytes(layout.PrimaryStoreBytes, bytes),
            });
        }

        // Elasticsearch lists indices in no promised order; the fake lists them by name.
        return CatTable.Render(request, IndexColumns, rows.OrderBy(r => r["index"], StringComparer.Ordinal).ToList());
    }

    public EsResponse Health(EsRequest request)
    {
        var body = health.Body(cluster.Indices.ToList());
        var now = DateTimeOffset.UtcNow;
        var row = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["epoch"] = Text(now.ToUnixTimeSeconds()),
            ["timestamp"] = now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["cluster"] = body["cluster_name"]!.GetValue<string>(),
            ["status"] = body["status"]!.GetValue<string>(),
            ["node.total"] = Text(cluster.NodeCount),
            ["node.data"] = Text(cluster.NodeCount),
            ["shards"] = Text(body["active_shards"]!.GetValue<int>()),
            ["pri"] = Text(body["active_primary_shards"]!.GetValue<int>()),
            ["relo"] = "0",
            ["init"] = "0",
            ["unassign"] = Text(body["unassigned_shards"]!.GetValue<int>()),
            ["unassign.pri"] = "0",
            ["pending_tasks"] = "0",
            ["max_task_wait_time"] = "-",
            ["active_shards_percent"] = body["active_shards_percent_as_number"]!.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture) + "%",
        };
        var columns = request.Param("ts") == "false" ? HealthColumns.Where(c => c.Name is not ("epoch" or "timestamp")).ToArray() : HealthColumns;
        return CatTable.Render(request, columns, [row]);
    }

    // _cat/indices expands wildcards to every index, hidden ones included (expand_wildcards=all), a data stream to its
    // backing index; a concrete name that does not exist is a 404.
    private List<FakeIndex> Resolve(string? target, string? expandWildcards)
    {
        var hidden = expandWildcards is null || expandWildcards.Split(',').Any(w => w is "all" or "hidden");
        var result = new List<FakeIndex>();
        foreach (var part in string.IsNullOrEmpty(target) ? ["*"] : target.Split(','))
        {
            if (part is "_all" or "*" || Wildcard.IsPattern(part))
            {
                var pattern = part == "_all" ? "*" : part;
                var showHidden = hidden || pattern.StartsWith('.');
                result.AddRange(cluster.Indices.Where(i => !result.Contains(i)
                    && ((Wildcard.Matches(pattern, i.Name) && (showHidden || !IndexNames.IsHidden(i.Name)))
                        || (showHidden && Wildcard.Matches(pattern, i.ConcreteName)))));
            }
            else if (cluster.Find(part) is { } index)
            {
                if (!result.Contains(index))
                {
                    result.Add(index);
                }
            }
            else
            {
                throw new EsErrorException(EsErrors.IndexNotFound(part));
            }
        }

        return result;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
