using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Index-level endpoints: get/exists/create/delete an index, its mapping, refresh, get a document.</summary>
internal sealed class IndexHandler(FakeCluster cluster)
{
    public EsResponse Get(EsRequest request, string expression)
    {
        if (expression.StartsWith('_'))
        {
            throw new EsErrorException(EsErrors.InvalidIndexName(expression, "must not start with '_'."));
        }

        List<FakeIndex> indices;
        try
        {
            indices = cluster.Resolve(expression, request.Flag("ignore_unavailable"), allowNoIndices: request.Param("allow_no_indices") != "false");
        }
        catch (EsErrorException) when (request.Method == "HEAD")
        {
            return EsResponse.Empty(404);
        }

        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(indices.Count > 0 ? 200 : 404);
        }

        var result = new JsonObject();
        foreach (var index in indices)
        {
            var settings = new JsonObject
            {
                ["creation_date"] = index.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["number_of_shards"] = "1",
                ["number_of_replicas"] = "1",
                ["uuid"] = index.Uuid,
                ["provided_name"] = index.ConcreteName,
            };
            if (index.IsDataStream)
            {
                settings["hidden"] = "true";
            }

            var entry = new JsonObject
            {
                ["aliases"] = new JsonObject(),
                ["mappings"] = index.Mapping.ToJson(),
                ["settings"] = new JsonObject { ["index"] = settings },
            };
            if (index.IsDataStream)
            {
                entry["data_stream"] = index.Name;
            }

            result[index.ConcreteName] = entry;
        }

        return EsResponse.Ok(result);
    }

    public EsResponse Create(EsRequest request, string name)
    {
        if (IndexNames.Problem(name) is { } problem)
        {
            throw new EsErrorException(EsErrors.InvalidIndexName(name, problem));
        }

        if (cluster.Find(name) is { } existing)
        {
            throw new EsErrorException(new EsError(400, "resource_already_exists_exception", $"index [{existing.ConcreteName}/{existing.Uuid}] already exists")
                .With("index_uuid", existing.Uuid).With("index", existing.ConcreteName));
        }

        if (cluster.CreatesDataStream(name))
        {
            var template = IndexNames.DataStreamTemplatePattern(name)!.Split('-')[0];
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"cannot create index with name [{name}], because it matches with template [{template}] that creates data streams only, use create data stream api instead"));
        }

        IndexMapping? mapping = null;
        if (request.Body.Length > 0)
        {
            var body = request.ParseJsonBody() as JsonObject ?? throw new EsErrorException(EsErrors.Parsing("request body must be an object"));
            foreach (var (key, value) in body)
            {
                switch (key)
                {
                    case "settings":
                        break;
                    case "mappings":
                        mapping = IndexMapping.FromJson(value as JsonObject ?? []);
                        break;
                    case "aliases" when value is JsonObject { Count: 0 }:
                        break;
                    case "aliases":
                        throw new EsErrorException(EsErrors.Unsupported("aliases"));
                    default:
                        throw new EsErrorException(EsErrors.Parsing($"unknown key [{key}] for create index"));
                }
            }
        }

        cluster.Create(name, mapping);
        return EsResponse.Ok(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
    }

    public EsResponse Delete(string name)
    {
        if (Wildcard.IsPattern(name) || name is "_all")
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Wildcard expressions or all indices are not allowed"));
        }

        var indices = name.Split(',').Select(n => cluster.Find(n) ?? throw new EsErrorException(EsErrors.IndexNotFound(n))).ToList();
        if (indices.FirstOrDefault(i => i.IsDataStream) is { } dataStream)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(dataStream.Name == name
                ? $"The provided expression [{name}] matches a data stream, specify the corresponding concrete indices instead."
                : $"index [{dataStream.ConcreteName}] is the write index for data stream [{dataStream.Name}] and cannot be deleted"));
        }

        indices.ForEach(cluster.Remove);
        return EsResponse.Ok(new JsonObject { ["acknowledged"] = true });
    }

    public EsResponse Mapping(EsRequest request, string? expression)
    {
        var result = new JsonObject();
        foreach (var index in cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Param("allow_no_indices") != "false"))
        {
            result[index.ConcreteName] = new JsonObject { ["mappings"] = index.Mapping.ToJson() };
        }

        return EsResponse.Ok(result);
    }

    public EsResponse Refresh(EsRequest request, string? expression)
    {
        var count = cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Param("allow_no_indices") != "false").Count;
        return EsResponse.Ok(new JsonObject
        {
            ["_shards"] = new JsonObject { ["total"] = count * 2, ["successful"] = count, ["failed"] = 0 },
        });
    }

    public EsResponse GetDocument(EsRequest request, string name, string id)
    {
        var index = cluster.Find(name) ?? throw new EsErrorException(EsErrors.IndexNotFound(name));
        if (index.IsDataStream && index.Name == name)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"The provided expression [{name}] matches a data stream, specify the corresponding concrete indices instead."));
        }

        var document = index.Documents.GetValueOrDefault(id);
        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(document is null ? 404 : 200);
        }

        if (document is null)
        {
            return EsResponse.Ok(new JsonObject { ["_index"] = index.ConcreteName, ["_id"] = id, ["found"] = false }, 404);
        }

        return EsResponse.Ok(new JsonObject
        {
            ["_index"] = index.ConcreteName,
            ["_id"] = id,
            ["_version"] = document.Version,
            ["_seq_no"] = document.SeqNo,
            ["_primary_term"] = 1,
            ["found"] = true,
            ["_source"] = JsonNode.Parse(document.SourceJson),
        });
    }
}
