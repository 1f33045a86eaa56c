using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Elasticsearch's index lifecycle management: <c>PUT</c>, <c>GET</c> and <c>DELETE _ilm/policy/{name}</c>.</summary>
internal sealed class LifecycleHandler(FakeCluster cluster)
{
    public EsResponse Put(EsRequest request, string name)
    {
        var policy = IlmPolicyParser.Parse(request);
        var existing = cluster.IlmPolicies.GetValueOrDefault(name);

        // An identical policy is not stored again: the version stays.
        if (existing is not null && JsonNode.DeepEquals(existing.Policy, policy))
        {
            return Acknowledged();
        }

        cluster.IlmPolicies[name] = new IlmPolicy(name, (existing?.Version ?? 0) + 1, DateTimeOffset.UtcNow, policy);
        return Acknowledged();
    }

    public EsResponse Get(string? names)
    {
        var wanted = names is null or "_all" or "*" ? null : names.Split(',');
        var found = cluster.IlmPolicies.Values
            .Where(p => wanted is null || wanted.Any(n => Wildcard.IsPattern(n) ? Wildcard.Matches(n, p.Name) : n == p.Name))
            .ToList();
        if (wanted is not null && found.Count == 0)
        {
            throw new EsErrorException(new EsError(404, "resource_not_found_exception", $"Lifecycle policy not found: [{string.Join(", ", wanted)}]"));
        }

        var result = new JsonObject();
        foreach (var policy in found)
        {
            var entry = new JsonObject
            {
                ["version"] = policy.Version,
                ["modified_date"] = policy.ModifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["policy"] = policy.Policy.DeepClone(),
            };
            if (cluster.Profile.ReportsPolicyUsage)
            {
                entry["in_use_by"] = InUseBy(policy.Name);
            }

            result[policy.Name] = entry;
        }

        return EsResponse.Ok(result);
    }

    public EsResponse Delete(string name)
    {
        if (!cluster.IlmPolicies.ContainsKey(name))
        {
            throw new EsErrorException(new EsError(404, "resource_not_found_exception", $"Lifecycle policy not found: {name}"));
        }

        var indices = cluster.Indices.Where(i => i.Settings.Get("index.lifecycle.name") == name).Select(i => i.ConcreteName).ToList();
        if (indices.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"Cannot delete policy [{name}]. It is in use by one or more indices: [{string.Join(", ", indices)}]"));
        }

        cluster.IlmPolicies.Remove(name);
        return Acknowledged();
    }

    // Which indices, data streams and templates name the policy in index.lifecycle.name.
    private JsonObject InUseBy(string name)
    {
        var users = cluster.Indices.Where(i => i.Settings.Get("index.lifecycle.name") == name).ToList();
        return new JsonObject
        {
            ["indices"] = ComposableTemplate.Strings(users.Select(i => i.ConcreteName).Order(StringComparer.Ordinal)),
            ["data_streams"] = ComposableTemplate.Strings(users.Where(i => i.IsDataStream).Select(i => i.Name).Order(StringComparer.Ordinal)),
            ["composable_templates"] = ComposableTemplate.Strings(cluster.Templates.Values
                .Where(t => t.Settings?.Get("index.lifecycle.name") == name)
                .Select(t => t.Name)),
        };
    }

    private static EsResponse Acknowledged() => EsResponse.Ok(new JsonObject { ["acknowledged"] = true });
}
