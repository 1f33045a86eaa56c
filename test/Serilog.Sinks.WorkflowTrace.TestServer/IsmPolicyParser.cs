using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Reads <c>PUT _plugins/_ism/policies/{id}</c> bodies as the index-management plugin does (its parser throws
/// <c>IllegalArgumentException</c> with "Invalid field: [x] found in ..."), and returns the policy as the plugin
/// stores and shows it: <c>policy_id</c>, timestamps, the default retry on every action.
/// </summary>
internal static class IsmPolicyParser
{
    private static readonly Dictionary<string, string[]> ActionFields = new(StringComparer.Ordinal)
    {
        ["rollover"] = ["min_size", "min_doc_count", "min_index_age", "min_primary_shard_size", "copy_alias", "prevent_empty_rollover"],
        ["delete"] = [],
        ["read_only"] = [],
        ["read_write"] = [],
        ["close"] = [],
        ["open"] = [],
        ["replica_count"] = ["number_of_replicas"],
        ["force_merge"] = ["max_num_segments", "wait_for_completion", "task_execution_timeout"],
        ["index_priority"] = ["priority"],
    };

    // Real actions whose effects the fake does not model.
    private static readonly HashSet<string> UnmodelledActions = new(StringComparer.Ordinal)
    {
        "notification", "snapshot", "allocation", "rollup", "shrink", "transform", "alias", "convert_index_to_remote",
        "stop_replication", "searchable_snapshot",
    };

    private static readonly string[] Conditions = ["min_index_age", "min_doc_count", "min_size", "cron", "min_rollover_age", "min_primary_shard_size"];

    public static JsonObject Parse(EsRequest request, string id, IEnumerable<IsmPolicy> others, DateTimeOffset now)
    {
        if (request.Body.Length == 0)
        {
            throw new EsErrorException(EsErrors.BodyRequired());
        }

        // The plugin reads exactly one field (its name is not checked) holding the policy object.
        var body = request.ParseJsonBody() as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        if (body.Count != 1 || body.First().Value is not JsonObject given)
        {
            throw body.Count == 0
                ? Parsing("Failed to parse object: expecting token of type [FIELD_NAME] but found [END_OBJECT]")
                : body.First().Value is not JsonObject
                    ? Parsing("Failed to parse object: expecting token of type [START_OBJECT]")
                    : Parsing("Failed to parse object: expecting token of type [END_OBJECT] but found [FIELD_NAME]");
        }

        string? description = null;
        string? defaultState = null;
        var states = new JsonArray();
        JsonArray? ismTemplates = null;
        long schemaVersion = 1;
        foreach (var (key, value) in given)
        {
            switch (key)
            {
                case "description":
                    description = Text(value);
                    break;
                case "default_state":
                    defaultState = Text(value);
                    break;
                case "states":
                    foreach (var state in value as JsonArray ?? throw Parsing("Failed to parse object: expecting token of type [START_ARRAY]"))
                    {
                        states.Add(State(state));
                    }

                    break;
                case "ism_template" when value is null:
                    break;
                case "ism_template":
                    ismTemplates = [];
                    foreach (var template in value is JsonArray list ? list.ToList() : [value])
                    {
                        ismTemplates.Add(IsmTemplate(template, now));
                    }

                    break;
                case "error_notification" when value is null:
                    break;
                case "error_notification":
                    throw new EsErrorException(EsErrors.Unsupported("[error_notification] in ISM policies"));
                case "schema_version":
                    schemaVersion = value?.GetValueKind() == JsonValueKind.Number ? (long)value.GetValue<double>() : throw Parsing("Current token not numeric");
                    break;
                case "policy_id" or "last_updated_time" or "user":
                    // Set by the plugin itself.
                    break;
                default:
                    throw Invalid(key, "Policy");
            }
        }

        var names = states.Select(s => s!["name"]!.GetValue<string>()).ToList();
        foreach (var state in states)
        {
            foreach (var transition in state!["transitions"]!.AsArray())
            {
                var target = transition!["state_name"]!.GetValue<string>();
                Require(names.Contains(target), $"Policy contains a transition in state={state["name"]} pointing to a nonexistent state={target}");
            }
        }

        Require(names.Distinct().Count() == names.Count, "Policy cannot have duplicate state names");
        Require(states.Count > 0, "Policy must contain at least one State");
        Require(description is not null, "description is null");
        Require(defaultState is not null, "default_state is null");
        Require(names.Contains(defaultState!), "Policy must have a valid default state");
        if (ismTemplates is not null)
        {
            CheckTemplateConflicts(id, ismTemplates, others);
        }

        return new JsonObject
        {
            ["policy_id"] = id,
            ["description"] = description,
            ["last_updated_time"] = now.ToUnixTimeMilliseconds(),
            ["schema_version"] = schemaVersion,
            ["error_notification"] = null,
            ["default_state"] = defaultState,
            ["states"] = states,
            ["ism_template"] = ismTemplates,
        };
    }

    private static JsonObject State(JsonNode? value)
    {
        var state = value as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        string? name = null;
        var actions = new JsonArray();
        var transitions = new JsonArray();
        foreach (var (key, field) in state)
        {
            switch (key)
            {
                case "name":
                    name = Text(field);
                    break;
                case "actions":
                    foreach (var action in field as JsonArray ?? throw Parsing("Failed to parse object: expecting token of type [START_ARRAY]"))
                    {
                        actions.Add(Action(action));
                    }

                    break;
                case "transitions":
                    foreach (var transition in field as JsonArray ?? throw Parsing("Failed to parse object: expecting token of type [START_ARRAY]"))
                    {
                        transitions.Add(Transition(transition));
                    }

                    break;
                default:
                    throw Invalid(key, "State");
            }
        }

        Require(name is not null, "State name is null");
        Require(!string.IsNullOrWhiteSpace(name), "State must contain a valid name");
        var seenDelete = false;
        foreach (var action in actions)
        {
            Require(!seenDelete, $"State={name} must not contain an action after a delete action");
            seenDelete = action!.AsObject().Any(p => p.Key == "delete");
        }

        Require(!seenDelete || transitions.Count == 0, $"State={name} cannot contain transitions if using delete action");
        return new JsonObject { ["name"] = name, ["actions"] = actions, ["transitions"] = transitions };
    }

    private static JsonObject Action(JsonNode? value)
    {
        var action = value as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        JsonNode? timeout = null;
        JsonNode? retry = null;
        string? type = null;
        JsonObject? settings = null;
        foreach (var (key, field) in action)
        {
            switch (key)
            {
                case "timeout":
                    timeout = field?.DeepClone();
                    break;
                case "retry":
                    retry = Retry(field);
                    break;
                default:
                    if (UnmodelledActions.Contains(key))
                    {
                        throw new EsErrorException(EsErrors.Unsupported($"the ISM action [{key}]"));
                    }

                    if (!ActionFields.TryGetValue(key, out var fields))
                    {
                        throw Invalid(key, "Actions");
                    }

                    settings = field as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
                    foreach (var (name, _) in settings)
                    {
                        if (!fields.Contains(name))
                        {
                            throw Invalid(name, ActionClass(key));
                        }
                    }

                    Require(key != "replica_count" || settings["number_of_replicas"] is not null, "ReplicaCountAction number_of_replicas is null");
                    Require(key != "force_merge" || settings["max_num_segments"] is not null, "ForceMergeActionConfig maxNumSegments is null");
                    type = key;
                    break;
            }
        }

        Require(type is not null, "Action inside state is null");
        var result = new JsonObject();
        if (timeout is not null)
        {
            result["timeout"] = timeout;
        }

        result["retry"] = retry ?? new JsonObject { ["count"] = 3, ["backoff"] = "exponential", ["delay"] = "1m" };
        result[type!] = settings!.DeepClone();
        return result;
    }

    private static JsonObject Retry(JsonNode? value)
    {
        var retry = value as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        foreach (var (key, _) in retry)
        {
            if (key is not ("count" or "backoff" or "delay"))
            {
                throw Invalid(key, "ActionRetry");
            }
        }

        Require(retry["count"] is not null, "ActionRetry count is null");
        return new JsonObject
        {
            ["count"] = retry["count"]!.DeepClone(),
            ["backoff"] = retry["backoff"]?.DeepClone() ?? "exponential",
            ["delay"] = retry["delay"]?.DeepClone() ?? "1m",
        };
    }

    private static JsonObject Transition(JsonNode? value)
    {
        var transition = value as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        string? target = null;
        JsonObject? conditions = null;
        foreach (var (key, field) in transition)
        {
            switch (key)
            {
                case "state_name":
                    target = Text(field);
                    break;
                case "conditions":
                    conditions = field as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
                    foreach (var (name, _) in conditions)
                    {
                        if (!Conditions.Contains(name))
                        {
                            throw Invalid(name, "Conditions");
                        }
                    }

                    Require(conditions.Count == 1, "Cannot provide more than one Transition condition");
                    break;
                default:
                    throw Invalid(key, "Transition");
            }
        }

        Require(target is not null, "Transition state_name is null");
        var result = new JsonObject { ["state_name"] = target };
        if (conditions is not null)
        {
            result["conditions"] = conditions.DeepClone();
        }

        return result;
    }

    private static JsonObject IsmTemplate(JsonNode? value, DateTimeOffset now)
    {
        var template = value as JsonObject ?? throw Parsing("Failed to parse object: expecting token of type [START_OBJECT]");
        var patterns = new JsonArray();
        long priority = 0;
        foreach (var (key, field) in template)
        {
            switch (key)
            {
                case "index_patterns":
                    foreach (var pattern in field as JsonArray ?? throw Parsing("Failed to parse object: expecting token of type [START_ARRAY]"))
                    {
                        patterns.Add(Text(pattern));
                    }

                    break;
                case "priority":
                    priority = field is null ? 0 : field.GetValueKind() == JsonValueKind.Number ? (long)field.GetValue<double>() : throw Parsing("Current token not numeric");
                    break;
                case "last_updated_time":
                    break;
                default:
                    throw Invalid(key, "ISMTemplate");
            }
        }

        Require(priority >= 0, "Requires priority to be >= 0");
        Require(patterns.Count > 0, "Requires at least one index pattern");
        return new JsonObject { ["index_patterns"] = patterns, ["priority"] = priority, ["last_updated_time"] = now.ToUnixTimeMilliseconds() };
    }

    // Two policies may not claim overlapping index patterns at the same priority.
    private static void CheckTemplateConflicts(string id, JsonArray templates, IEnumerable<IsmPolicy> others)
    {
        foreach (var template in templates)
        {
            var patterns = template!["index_patterns"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            var priority = template["priority"]!.GetValue<long>();
            var conflict = others.Where(o => o.Id != id).Any(o => o.Policy["ism_template"] is JsonArray existing && existing.Any(e =>
                e!["priority"]!.GetValue<long>() == priority
                && e["index_patterns"]!.AsArray().Any(p => patterns.Any(q => Wildcard.Overlaps(p!.GetValue<string>(), q)))));
            if (conflict)
            {
                throw new EsErrorException(new EsError(400, "index_management_exception",
                    $"New policy {id} has an ISM template with index pattern [{string.Join(", ", patterns)}] matching existing policy templates, please use a different priority than {priority}"));
            }
        }
    }

    private static string ActionClass(string action) => action switch
    {
        "rollover" => "RolloverAction",
        "replica_count" => "ReplicaCountAction",
        "force_merge" => "ForceMergeAction",
        "index_priority" => "IndexPriorityAction",
        _ => "Action",
    };

    private static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Object or JsonValueKind.Array => throw Parsing("Failed to parse object: expecting a value"),
        _ => value.ToJsonString(),
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(message));
        }
    }

    private static EsErrorException Invalid(string field, string owner) =>
        new(EsErrors.IllegalArgument($"Invalid field: [{field}] found in {owner}."));

    private static EsErrorException Parsing(string reason) => new(EsErrors.Parsing(reason));
}
