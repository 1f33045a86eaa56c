using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// <c>GET _data_stream[/{name}]</c>: each data stream with its backing indices (the last one is the write index),
/// generation, health status (upper case) and template, in Elasticsearch's or OpenSearch's shape. A missing name is
/// a 404 <c>index_not_found_exception</c>; a wildcard matching nothing gives an empty list.
/// </summary>
internal sealed class DataStreamHandler(FakeCluster cluster)
{
    public EsResponse Get(string? expression)
    {
        var streams = cluster.Indices.Where(i => i.IsDataStream).ToList();
        var result = new List<FakeIndex>();
        foreach (var part in expression is null or "_all" ? ["*"] : expression.Split(','))
        {
            if (Wildcard.IsPattern(part))
            {
                result.AddRange(streams.Where(s => Wildcard.Matches(part, s.Name) && !result.Contains(s)));
            }
            else
            {
                var stream = streams.FirstOrDefault(s => s.Name == part) ?? throw new EsErrorException(EsErrors.IndexNotFound(part));
                if (!result.Contains(stream))
                {
                    result.Add(stream);
                }
            }
        }

        var array = new JsonArray(result.OrderBy(s => s.Name, StringComparer.Ordinal).Select(Describe).ToArray<JsonNode?>());
        return EsResponse.Ok(new JsonObject { ["data_streams"] = array });
    }

    private JsonObject Describe(FakeIndex stream)
    {
        var elasticsearch = !cluster.Profile.IsOpenSearch;
        var backing = new JsonObject { ["index_name"] = stream.ConcreteName, ["index_uuid"] = stream.Uuid };
        if (elasticsearch && cluster.Profile.AtLeast(8, 11))
        {
            backing["prefer_ilm"] = true;
            backing["managed_by"] = "Unmanaged";
        }

        var result = new JsonObject
        {
            ["name"] = stream.Name,
            ["timestamp_field"] = new JsonObject { ["name"] = "@timestamp" },
            ["indices"] = new JsonArray(backing),
            ["generation"] = 1,
            ["status"] = ShardLayout.Of(stream, cluster.NodeCount).Health.ToUpperInvariant(),
            ["template"] = stream.TemplateName,
        };
        if (elasticsearch)
        {
            result["hidden"] = false;
            result["system"] = false;
            result["allow_custom_routing"] = false;
            result["replicated"] = false;
        }

        return result;
    }
}
