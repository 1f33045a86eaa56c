using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// <c>PUT {index}/_settings</c> as Elasticsearch takes it: the settings bare (<c>{"refresh_interval":"5s"}</c>), under
/// <c>index</c> or under <c>settings</c>; a null resets a setting; unknown, private and badly valued settings are
/// refused as on index creation, static ones on an open index with Elasticsearch's message. The target must exist
/// (a wildcard matching nothing is a 404); a data stream's settings go to its backing index.
/// </summary>
internal sealed class SettingsUpdater(FakeCluster cluster)
{
    // Settings fixed at creation: Elasticsearch refuses to change them on an open index.
    private static readonly HashSet<string> Static = new(StringComparer.Ordinal)
    {
        "index.number_of_shards", "index.codec", "index.number_of_routing_shards", "index.mode", "index.routing_partition_size",
    };

    public EsResponse Put(EsRequest request, string? expression)
    {
        if (request.Body.Length == 0)
        {
            throw new EsErrorException(EsErrors.BodyRequired());
        }

        var body = request.ParseJsonBody() as JsonObject ?? throw new EsErrorException(EsErrors.Parsing("request body must be an object"));
        if (body.Count == 1 && body["settings"] is JsonObject wrapped)
        {
            body = wrapped;
        }

        var update = IndexSettings.FromJson(body);
        var resets = Resets(body, string.Empty).ToList();
        if (update.Count == 0 && resets.Count == 0)
        {
            throw new EsErrorException(EsErrors.Validation(["no settings to update"]));
        }

        SettingsValidator.Validate(update, cluster.Profile);
        var indices = cluster.Resolve(expression, request.Flag("ignore_unavailable"), allowNoIndices: request.Param("allow_no_indices") == "true");
        var fixedKeys = update.Keys.Concat(resets).Where(Static.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        if (fixedKeys.Count > 0 && indices.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"Can't update non dynamic settings [[{string.Join(", ", fixedKeys)}]] for open indices [{string.Join(", ", indices.Select(i => $"[{i.ConcreteName}/{i.Uuid}]"))}]"));
        }

        var preserveExisting = request.Flag("preserve_existing");
        foreach (var index in indices)
        {
            var settings = index.Settings;
            foreach (var key in resets)
            {
                settings = settings.Without(key);
            }

            foreach (var key in update.Keys)
            {
                if (update.Get(key) is { } value && !(preserveExisting && settings.Contains(key)))
                {
                    settings = settings.With(key, value);
                }
            }

            index.Settings = settings;
        }

        return EsResponse.Ok(new JsonObject { ["acknowledged"] = true });
    }

    // The keys set to null: they go back to their defaults.
    private static IEnumerable<string> Resets(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            var key = prefix + name;
            if (value is JsonObject child)
            {
                foreach (var nested in Resets(child, key + "."))
                {
                    yield return nested;
                }
            }
            else if (value is null)
            {
                yield return key.StartsWith("index.", StringComparison.Ordinal) ? key : "index." + key;
            }
        }
    }
}
