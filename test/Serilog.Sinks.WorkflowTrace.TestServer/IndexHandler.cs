using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Index-level endpoints: get/exists/create/delete an index, its mapping, refresh, get a document.</summary>
internal sealed class IndexHandler(FakeCluster cluster)
{
    /// <summary>The settings <c>GET</c> shows: the stored ones plus what the server records at creation.</summary>
    public static IndexSettings ShownSettings(FakeIndex index) =>
        index.Settings
            .With("index.creation_date", index.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .With("index.uuid", index.Uuid)
            .With("index.provided_name", index.ConcreteName);

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

        var flat = request.Flag("flat_settings");
        var result = new JsonObject();
        foreach (var index in indices)
        {
            var entry = new JsonObject
            {
                ["aliases"] = AliasDefinitions.ToJson(index.Aliases, index.ConcreteName),
                ["mappings"] = index.Mapping.ToJson(),
                ["settings"] = ShownSettings(index).ToJson(flat),
            };
            if (index.IsDataStream)
            {
                entry["data_stream"] = index.Name;
            }

            result[index.ConcreteName] = entry;
        }

        return EsResponse.Ok(result);
    }

    /// <summary><c>GET /{index}/_settings</c>: every index's settings, keyed by concrete index name.</summary>
    public EsResponse Settings(EsRequest request, string? expression)
    {
        if (request.Flag("include_defaults"))
        {
            throw new EsErrorException(EsErrors.Unsupported("[include_defaults] (the fake knows only the settings it stores)"));
        }

        var flat = request.Flag("flat_settings");
        var result = new JsonObject();
        foreach (var index in cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Param("allow_no_indices") != "false"))
        {
            result[index.ConcreteName] = new JsonObject { ["settings"] = ShownSettings(index).ToJson(flat) };
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
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"cannot create index with name [{name}], because it matches with template [{cluster.MatchingTemplate(name)!.Name}] that creates data streams only, use create data stream api instead"));
        }

        JsonObject? mappings = null;
        IndexSettings? settings = null;
        JsonObject? aliases = null;
        if (request.Body.Length > 0)
        {
            var body = request.ParseJsonBody() as JsonObject ?? throw new EsErrorException(EsErrors.Parsing("request body must be an object"));
            foreach (var (key, value) in body)
            {
                switch (key)
                {
                    case "settings":
                        settings = IndexSettings.FromJson(value as JsonObject ?? throw new EsErrorException(EsErrors.Parsing("[settings] must be an object")));
                        SettingsValidator.Validate(settings, cluster.Profile);
                        break;
                    case "mappings":
                        mappings = value as JsonObject ?? [];
                        ValidateMappings(mappings, cluster.Profile);
                        break;
                    case "aliases":
                        aliases = value as JsonObject ?? throw new EsErrorException(EsErrors.Parsing("[aliases] must be an object"));
                        AliasDefinitions.Validate(aliases);
                        break;
                    default:
                        throw new EsErrorException(EsErrors.Parsing($"unknown key [{key}] for create index"));
                }
            }
        }

        cluster.Create(name, mappings, settings, aliases);
        return EsResponse.Ok(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
    }

    /// <summary>
    /// Parses a mapping as the mapper service does when it is merged: a failure becomes
    /// <c>mapper_parsing_exception</c> "Failed to parse mapping", with the reason as its cause.
    /// </summary>
    public static IndexMapping ValidateMappings(JsonObject mappings, ServerProfile profile)
    {
        try
        {
            return IndexMapping.FromJson(mappings);
        }
        catch (EsErrorException exception) when (exception.Error.Type == "mapper_parsing_exception")
        {
            // Before 8.0 (and in OpenSearch) the message still named the single type.
            var prefix = profile.IsOpenSearch || (profile.IsElasticsearch && !profile.AtLeast(8, 0)) ? "Failed to parse mapping [_doc]: " : "Failed to parse mapping: ";
            throw new EsErrorException(new EsError(400, "mapper_parsing_exception", prefix + exception.Error.Reason) { CausedBy = exception.Error });
        }
    }

    public EsResponse Delete(string name)
    {
        var wildcard = name.Split(',').Any(n => Wildcard.IsPattern(n) || n is "_all");

        // action.destructive_requires_name: true by default from Elasticsearch 8.0 (and serverless), false before and in OpenSearch.
        if (wildcard && (cluster.Profile.IsServerless || (cluster.Profile.IsElasticsearch && cluster.Profile.AtLeast(8, 0))))
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Wildcard expressions or all indices are not allowed"));
        }

        // A wildcard expands to indices only, never to a data stream's backing indices.
        var indices = wildcard
            ? cluster.Resolve(name).Where(i => !i.IsDataStream || name.Split(',').Any(n => n == i.Name || n == i.ConcreteName)).ToList()
            : name.Split(',').Select(n => cluster.Find(n) ?? throw new EsErrorException(EsErrors.IndexNotFound(n))).ToList();
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

        var found = new JsonObject
        {
            ["_index"] = index.ConcreteName,
            ["_id"] = id,
            ["_version"] = document.Version,
            ["_seq_no"] = document.SeqNo,
            ["_primary_term"] = 1,
            ["found"] = true,
        };

        // With _source disabled the server keeps no source to give back.
        if (index.Mapping.SourceEnabled)
        {
            found["_source"] = JsonNode.Parse(document.SourceJson);
        }

        return EsResponse.Ok(found);
    }
}
