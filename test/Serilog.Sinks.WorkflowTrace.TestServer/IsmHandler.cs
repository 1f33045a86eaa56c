using System.Globalization;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// OpenSearch's index state management policies (<c>_plugins/_ism/policies/{id}</c>): documents of the
/// <c>.opendistro-ism-config</c> index, so a second <c>PUT</c> needs <c>if_seq_no</c> and <c>if_primary_term</c>.
/// </summary>
internal sealed class IsmHandler(FakeCluster cluster)
{
    private const string ConfigIndex = ".opendistro-ism-config";
    private const long PrimaryTerm = 1;

    private static readonly string ConfigIndexUuid = RandomIds.Uuid();

    public EsResponse Put(EsRequest request, string id)
    {
        var policy = IsmPolicyParser.Parse(request, id, cluster.IsmPolicies.Values, DateTimeOffset.UtcNow);
        var existing = cluster.IsmPolicies.GetValueOrDefault(id);
        var ifSeqNo = Number(request, "if_seq_no");
        var ifPrimaryTerm = Number(request, "if_primary_term");

        // Without both parameters the plugin writes with op_type create.
        if (ifSeqNo is null || ifPrimaryTerm is null)
        {
            if (existing is not null)
            {
                throw Conflict($"[{id}]: version conflict, document already exists (current version [{existing.Version}])");
            }
        }
        else if (existing is null)
        {
            throw Conflict($"[{id}]: version conflict, required seqNo [{ifSeqNo}], primary term [{ifPrimaryTerm}]. but no document was found");
        }
        else if (existing.SeqNo != ifSeqNo || ifPrimaryTerm != PrimaryTerm)
        {
            throw Conflict(
                $"[{id}]: version conflict, required seqNo [{ifSeqNo}], primary term [{ifPrimaryTerm}]. current document has seqNo [{existing.SeqNo}] and primary term [{PrimaryTerm}]");
        }

        var stored = new IsmPolicy(id, (existing?.Version ?? 0) + 1, cluster.NextIsmSeqNo++, policy);
        cluster.IsmPolicies[id] = stored;
        var response = EsResponse.Ok(new JsonObject
        {
            ["_id"] = id,
            ["_version"] = stored.Version,
            ["_primary_term"] = PrimaryTerm,
            ["_seq_no"] = stored.SeqNo,

            // The plugin writes the policy with its type wrapper here (and without it on GET).
            ["policy"] = new JsonObject { ["policy"] = policy.DeepClone() },
        }, existing is null ? 201 : 200);
        if (existing is null)
        {
            response.Headers.Add(new("Location", $"/_plugins/_ism/policies/{id}"));
        }

        return response;
    }

    public EsResponse Get(EsRequest request, string id)
    {
        if (!cluster.IsmPolicies.TryGetValue(id, out var policy))
        {
            return request.Method == "HEAD"
                ? EsResponse.Empty(404)
                : throw new EsErrorException(new EsError(404, "status_exception", "Policy not found"));
        }

        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(200);
        }

        return EsResponse.Ok(new JsonObject
        {
            ["_id"] = id,
            ["_version"] = policy.Version,
            ["_seq_no"] = policy.SeqNo,
            ["_primary_term"] = PrimaryTerm,
            ["policy"] = policy.Policy.DeepClone(),
        });
    }

    public EsResponse List()
    {
        var policies = new JsonArray(cluster.IsmPolicies.Values.Select(p => (JsonNode?)new JsonObject
        {
            ["_id"] = p.Id,
            ["_seq_no"] = p.SeqNo,
            ["_primary_term"] = PrimaryTerm,
            ["policy"] = p.Policy.DeepClone(),
        }).ToArray());
        return EsResponse.Ok(new JsonObject { ["policies"] = policies, ["total_policies"] = cluster.IsmPolicies.Count });
    }

    public EsResponse Delete(string id)
    {
        var existing = cluster.IsmPolicies.GetValueOrDefault(id);
        var seqNo = cluster.NextIsmSeqNo++;
        if (existing is not null)
        {
            cluster.IsmPolicies.Remove(id);
        }

        // The plugin hands back the config index's delete response as it is.
        return EsResponse.Ok(new JsonObject
        {
            ["_index"] = ConfigIndex,
            ["_id"] = id,
            ["_version"] = (existing?.Version ?? 0) + 1,
            ["result"] = existing is null ? "not_found" : "deleted",
            ["forced_refresh"] = true,
            ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
            ["_seq_no"] = seqNo,
            ["_primary_term"] = PrimaryTerm,
        }, existing is null ? 404 : 200);
    }

    private static long? Number(EsRequest request, string name)
    {
        if (request.Param(name) is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new EsErrorException(EsErrors.IllegalArgument($"Failed to parse long parameter [{name}] with value [{text}]"));
    }

    private static EsErrorException Conflict(string reason) =>
        new(new EsError(409, "version_conflict_engine_exception", reason)
            .With("index_uuid", ConfigIndexUuid)
            .With("shard", "0")
            .With("index", ConfigIndex));
}
