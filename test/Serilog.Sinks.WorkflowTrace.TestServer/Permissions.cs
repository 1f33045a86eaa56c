namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Plays a user who lacks privileges for the paths in <see cref="FakeElasticsearchOptions.Forbidden"/>: such requests
/// get the 403 <c>security_exception</c> the server's security layer sends, naming the action and (on Elasticsearch)
/// the privileges that would grant it.
/// </summary>
internal sealed class Permissions(FakeElasticsearchOptions options, ServerProfile profile)
{
    /// <summary>The role the refused user has, as Elasticsearch lists it.</summary>
    public const string Role = "writer";

    private static readonly string[] ManageTemplates = ["manage_index_templates", "manage", "all"];
    private static readonly string[] ReadTemplates = ["manage_index_templates", "monitor", "manage", "all"];
    private static readonly string[] ManageIlm = ["manage_ilm", "manage", "all"];
    private static readonly string[] ReadIlm = ["read_ilm", "manage_ilm", "manage", "all"];
    private static readonly string[] ManageCluster = ["manage", "all"];
    private static readonly string[] Monitor = ["monitor", "manage", "all"];

    // Endpoint → the transport action Elasticsearch authorizes, and the privileges that grant it.
    private static readonly Dictionary<string, (string Action, bool IndexLevel, string[] Privileges)> Actions = new(StringComparer.Ordinal)
    {
        ["root"] = ("cluster:monitor/main", false, Monitor),
        ["put_index_template"] = ("indices:admin/index_template/put", false, ManageTemplates),
        ["get_index_template"] = ("indices:admin/index_template/get", false, ReadTemplates),
        ["delete_index_template"] = ("indices:admin/index_template/delete", false, ManageTemplates),
        ["simulate_index_template"] = ("indices:admin/index_template/simulate_index", false, ManageTemplates),
        ["simulate_template"] = ("indices:admin/index_template/simulate", false, ManageTemplates),
        ["put_template"] = ("indices:admin/template/put", false, ManageTemplates),
        ["get_template"] = ("indices:admin/template/get", false, ReadTemplates),
        ["delete_template"] = ("indices:admin/template/delete", false, ManageTemplates),
        ["put_lifecycle"] = ("cluster:admin/ilm/put", false, ManageIlm),
        ["get_lifecycle"] = ("cluster:admin/ilm/get", false, ReadIlm),
        ["delete_lifecycle"] = ("cluster:admin/ilm/delete", false, ManageIlm),
        ["ism_put"] = ("cluster:admin/opendistro/ism/policy/write", false, ManageCluster),
        ["ism_get"] = ("cluster:admin/opendistro/ism/policy/get", false, ManageCluster),
        ["ism_search"] = ("cluster:admin/opendistro/ism/policy/search", false, ManageCluster),
        ["ism_delete"] = ("cluster:admin/opendistro/ism/policy/delete", false, ManageCluster),
        ["bulk"] = ("indices:data/write/bulk[s]", true, ["create_doc", "create", "index", "write", "all"]),
        ["search"] = ("indices:data/read/search", true, ["read", "all"]),
        ["count"] = ("indices:data/read/search", true, ["read", "all"]),
        ["get_doc"] = ("indices:data/read/get", true, ["read", "all"]),
        ["mapping"] = ("indices:admin/mappings/get", true, ["view_index_metadata", "manage", "all"]),
        ["get_settings"] = ("indices:monitor/settings/get", true, ["monitor", "view_index_metadata", "manage", "all"]),
        ["refresh"] = ("indices:admin/refresh", true, ["maintenance", "manage", "all"]),
        ["create_index"] = ("indices:admin/create", true, ["create_index", "manage", "all"]),
        ["delete_index"] = ("indices:admin/delete", true, ["delete_index", "manage", "all"]),
        ["get_index"] = ("indices:admin/get", true, ["view_index_metadata", "manage", "all"]),
        ["put_settings"] = ("indices:admin/settings/update", true, ["manage", "all"]),
        ["cluster_health"] = ("cluster:monitor/health", false, Monitor),
        ["cat_health"] = ("cluster:monitor/health", false, Monitor),

        // _cat/indices also needs the cluster privilege monitor (for the cluster state); the index statistics are the
        // part a user with only index privileges lacks.
        ["cat_indices"] = ("indices:monitor/stats", true, ["monitor", "manage", "all"]),
        ["get_data_stream"] = ("indices:admin/data_stream/get", true, ["view_index_metadata", "manage", "all"]),
    };

    private string User => options.Username ?? "elastic";

    /// <summary>Whether the request's path starts with one of the forbidden prefixes.</summary>
    public bool Forbids(EsRequest request)
    {
        var path = request.Path.TrimStart('/');
        return options.Forbidden.Any(prefix => path.StartsWith(prefix.TrimStart('/'), StringComparison.Ordinal));
    }

    /// <summary>The 403 for a forbidden request to <paramref name="endpoint"/>, or null when it is allowed.</summary>
    public EsError? Check(EsRequest request, string endpoint)
    {
        if (!Forbids(request) || !Actions.TryGetValue(endpoint, out var action))
        {
            return null;
        }

        var indices = action.IndexLevel ? Target(request.Segments) : null;
        return Denied(action.Action, action.Privileges, action.IndexLevel ? indices ?? "_all" : null);
    }

    // The index expression of a path: {target}/_api, or the tail of _cat/indices/{target}, _data_stream/{target}.
    private static string? Target(string[] segments) => segments switch
    {
        ["_cat" or "_cluster", _, var target] => target,
        ["_data_stream", var target] => target,
        [var first, ..] when !first.StartsWith('_') => first,
        _ => null,
    };

    /// <summary>The item error a bulk item gets when writes are forbidden; <c>{index}</c> is filled in per item.</summary>
    public ItemError BulkItemDenied()
    {
        var (action, _, privileges) = Actions["bulk"];
        var error = Denied(action, privileges, "{index}");
        return new ItemError(403, error.Type, error.Reason);
    }

    private EsError Denied(string action, string[] privileges, string? indices)
    {
        // OpenSearch's security plugin words it its own way and names no privileges.
        if (profile.IsOpenSearch)
        {
            return new EsError(403, "security_exception", $"no permissions for [{action}] and User [name={User}, backend_roles=[], requestedTenant=null]");
        }

        var reason = $"action [{action}] is unauthorized for user [{User}] with effective roles [{Role}]";
        if (indices is not null)
        {
            reason += $" on indices [{indices}]";
        }

        reason += $", this action is granted by the {(indices is null ? "cluster" : "index")} privileges [{string.Join(",", privileges)}]";
        return new EsError(403, "security_exception", reason);
    }
}
