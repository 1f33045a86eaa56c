using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Reads <c>PUT _ilm/policy/{name}</c> bodies as Elasticsearch does: the parser refuses unknown fields and
/// actions, the timeseries lifecycle type refuses unknown phases and actions in the wrong phase. The result is
/// the policy in the form <c>GET</c> shows (every phase with its <c>min_age</c>, actions with their defaults).
/// </summary>
internal static class IlmPolicyParser
{
    private static readonly string[] PhaseOrder = ["hot", "warm", "cold", "frozen", "delete"];

    private static readonly Dictionary<string, string[]> ActionsByPhase = new(StringComparer.Ordinal)
    {
        ["hot"] = ["set_priority", "unfollow", "rollover", "readonly", "downsample", "shrink", "forcemerge", "searchable_snapshot"],
        ["warm"] = ["set_priority", "unfollow", "readonly", "downsample", "allocate", "migrate", "shrink", "forcemerge"],
        ["cold"] = ["set_priority", "unfollow", "readonly", "downsample", "searchable_snapshot", "allocate", "migrate", "freeze"],
        ["frozen"] = ["unfollow", "searchable_snapshot"],
        ["delete"] = ["wait_for_snapshot", "delete"],
    };

    private static readonly Dictionary<string, string[]> ActionFields = new(StringComparer.Ordinal)
    {
        ["rollover"] = ["max_size", "max_primary_shard_size", "max_age", "max_docs", "max_primary_shard_docs", "min_size",
            "min_primary_shard_size", "min_age", "min_docs", "min_primary_shard_docs"],
        ["delete"] = ["delete_searchable_snapshot"],
        ["forcemerge"] = ["max_num_segments", "index_codec"],
        ["set_priority"] = ["priority"],
        ["shrink"] = ["number_of_shards", "max_primary_shard_size", "allow_write_after_shrink"],
        ["readonly"] = [],
        ["unfollow"] = [],
        ["freeze"] = [],
        ["allocate"] = ["number_of_replicas", "total_shards_per_node", "include", "exclude", "require"],
        ["migrate"] = ["enabled"],
        ["searchable_snapshot"] = ["snapshot_repository", "force_merge_index", "total_shards_per_node", "replicate_for"],
        ["downsample"] = ["fixed_interval", "wait_timeout", "force_merge_index", "sampling_method"],
        ["wait_for_snapshot"] = ["policy"],
    };

    // Actions that rewrite the index and so need the hot phase to roll it over first.
    private static readonly string[] NeedRolloverInHot = ["shrink", "forcemerge", "searchable_snapshot", "downsample"];

    public static JsonObject Parse(EsRequest request)
    {
        if (request.Body.Length == 0)
        {
            throw new EsErrorException(EsErrors.BodyRequired());
        }

        var body = request.ParseJsonBody() as JsonObject
            ?? throw new EsErrorException(new EsError(400, "x_content_parse_exception", "[1:1] Expected START_OBJECT but found a value"));
        JsonObject? policy = null;
        foreach (var (key, value) in body)
        {
            if (key != "policy")
            {
                throw new EsErrorException(XContent(request, $"[put_lifecycle_request] unknown field [{key}]", key));
            }

            policy = value as JsonObject ?? throw new EsErrorException(XContent(request, $"[put_lifecycle_request] policy doesn't support values of type: {Token(value)}", key));
        }

        if (policy is null)
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Required [policy]"));
        }

        JsonObject? phases = null;
        JsonObject? meta = null;
        bool? deprecated = null;
        foreach (var (key, value) in policy)
        {
            switch (key)
            {
                case "phases":
                    phases = value as JsonObject ?? throw Wrapped(request, XContent(request, $"[lifecycle_policy] phases doesn't support values of type: {Token(value)}", "policy", key));
                    break;
                case "_meta":
                    meta = value as JsonObject ?? throw Wrapped(request, XContent(request, $"[lifecycle_policy] _meta doesn't support values of type: {Token(value)}", "policy", key));
                    break;
                case "deprecated" when value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    deprecated = value.GetValue<bool>();
                    break;
                default:
                    throw Wrapped(request, XContent(request, $"[lifecycle_policy] unknown field [{key}]", "policy", key));
            }
        }

        if (phases is null)
        {
            throw Wrapped(request, EsErrors.IllegalArgument("Required [phases]"));
        }

        var normalized = new JsonObject();
        foreach (var (phaseName, phaseValue) in phases)
        {
            normalized[phaseName] = Phase(request, phaseName, phaseValue);
        }

        Validate(request, normalized);
        var result = new JsonObject { ["phases"] = normalized };
        if (meta is not null)
        {
            result["_meta"] = meta.DeepClone();
        }

        if (deprecated is { } flag)
        {
            result["deprecated"] = flag;
        }

        return result;
    }

    private static JsonObject Phase(EsRequest request, string phaseName, JsonNode? value)
    {
        if (value is not JsonObject phase)
        {
            throw Wrapped(request, XContent(request, $"[phase] {phaseName} doesn't support values of type: {Token(value)}", "policy", "phases", phaseName));
        }

        var minAge = "0ms";
        var actions = new JsonObject();
        foreach (var (key, field) in phase)
        {
            switch (key)
            {
                case "min_age":
                    minAge = field?.ToString() ?? "0ms";
                    if (TimeValues.Problem("min_age", minAge, allowMinusOne: false) is { } problem)
                    {
                        throw Wrapped(request, new EsError(400, "parse_exception", problem));
                    }

                    break;
                case "actions":
                    if (field is not JsonObject given)
                    {
                        throw Wrapped(request, XContent(request, $"[phase] actions doesn't support values of type: {Token(field)}", "policy", "phases", phaseName, key));
                    }

                    foreach (var (actionName, settings) in given)
                    {
                        actions[actionName] = Action(request, phaseName, actionName, settings);
                    }

                    break;
                default:
                    throw Wrapped(request, XContent(request, $"[phase] unknown field [{key}]", "policy", "phases", phaseName, key));
            }
        }

        return new JsonObject { ["min_age"] = minAge, ["actions"] = actions };
    }

    private static JsonObject Action(EsRequest request, string phase, string name, JsonNode? value)
    {
        string[] path = ["policy", "phases", phase, "actions", name];
        if (!ActionFields.TryGetValue(name, out var fields))
        {
            throw Wrapped(request, new EsError(400, "named_object_not_found_exception", $"{JsonLocations.Of(request.Body, path)} unknown field [{name}]"));
        }

        if (value is not JsonObject action)
        {
            throw Wrapped(request, XContent(request, $"[{name}] doesn't support values of type: {Token(value)}", path));
        }

        foreach (var (key, _) in action)
        {
            if (!fields.Contains(key))
            {
                throw Wrapped(request, XContent(request, $"[{name}] unknown field [{key}]", [.. path, key]));
            }
        }

        var result = (JsonObject)action.DeepClone();
        switch (name)
        {
            case "rollover" when !action.Any(p => p.Key.StartsWith("max_", StringComparison.Ordinal)):
                throw Wrapped(request, EsErrors.IllegalArgument("At least one max_* rollover condition must be set."));
            case "forcemerge" when action["max_num_segments"]?.GetValueKind() != JsonValueKind.Number || action["max_num_segments"]!.GetValue<double>() < 1:
                throw Wrapped(request, EsErrors.IllegalArgument($"[max_num_segments] must be a positive integer"));
            case "set_priority" when action["priority"] is { } priority && priority.GetValueKind() == JsonValueKind.Number && priority.GetValue<double>() < 0:
                throw Wrapped(request, EsErrors.IllegalArgument("[priority] must be 0 or greater"));
            case "delete":
                // Elasticsearch fills in the default, as GET shows.
                result["delete_searchable_snapshot"] = action["delete_searchable_snapshot"]?.DeepClone() ?? true;
                break;
        }

        return result;
    }

    // TimeseriesLifecycleType.validate runs as the policy is built, so its failures come wrapped like parse errors.
    private static void Validate(EsRequest request, JsonObject phases)
    {
        foreach (var (phase, value) in phases)
        {
            if (!ActionsByPhase.TryGetValue(phase, out var allowed))
            {
                throw Wrapped(request, EsErrors.IllegalArgument($"Timeseries lifecycle does not support phase [{phase}]"));
            }

            foreach (var (action, _) in value!["actions"]!.AsObject())
            {
                if (!allowed.Contains(action))
                {
                    throw Wrapped(request, EsErrors.IllegalArgument($"invalid action [{action}] defined in phase [{phase}]"));
                }
            }
        }

        if (phases["hot"]?["actions"] is JsonObject hot && hot["rollover"] is null)
        {
            var needing = NeedRolloverInHot.Where(a => hot[a] is not null).ToList();
            if (needing.Count > 0)
            {
                throw Wrapped(request, EsErrors.IllegalArgument(
                    $"the [{string.Join(", ", needing)}] action(s) may not be used in the [hot] phase without an accompanying [rollover] action"));
            }
        }

        // Phases run in a fixed order, so their min_age may not go backwards.
        var ordered = PhaseOrder.Where(p => phases[p] is not null).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = phases[ordered[i - 1]]!["min_age"]!.GetValue<string>();
            var current = phases[ordered[i]]!["min_age"]!.GetValue<string>();
            if (TimeValues.Parse(current) < TimeValues.Parse(previous))
            {
                throw Wrapped(request, EsErrors.IllegalArgument(
                    $"Your policy is configured to run the {ordered[i]} phase (min_age: {current}) before the {ordered[i - 1]} phase (min_age: {previous}). " +
                    "You should change the phase timing so that the phases will execute in the order of hot, warm, then cold."));
            }
        }
    }

    private static EsErrorException Wrapped(EsRequest request, EsError cause) =>
        new(new EsError(400, "x_content_parse_exception", $"{JsonLocations.Of(request.Body, "policy")} [put_lifecycle_request] failed to parse field [policy]")
        {
            // A JDK exception is never the root cause Elasticsearch reports.
            CausedBy = cause.Type == "illegal_argument_exception" ? EsErrors.Cause(cause.Type, cause.Reason) : cause,
        });

    private static EsError XContent(EsRequest request, string reason, params string[] path) =>
        new(400, "x_content_parse_exception", $"{JsonLocations.Of(request.Body, path)} {reason}");

    private static string Token(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "VALUE_NULL",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER",
        JsonValueKind.True or JsonValueKind.False => "VALUE_BOOLEAN",
        JsonValueKind.Array => "START_ARRAY",
        _ => "START_OBJECT",
    };
}
