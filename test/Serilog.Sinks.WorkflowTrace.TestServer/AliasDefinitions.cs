using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>The <c>aliases</c> of templates and create-index requests: checked like Elasticsearch, shown in its form.</summary>
internal static class AliasDefinitions
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "filter", "routing", "index_routing", "search_routing", "is_write_index", "is_hidden",
    };

    /// <summary>Throws Elasticsearch's 400 for a malformed alias or name; <c>{index}</c> in a name is allowed (templates fill it in).</summary>
    public static void Validate(JsonObject aliases)
    {
        foreach (var (name, definition) in aliases)
        {
            if (IndexNames.Problem(name.Replace("{index}", "index", StringComparison.Ordinal)) is { } problem)
            {
                throw new EsErrorException(new EsError(400, "invalid_alias_name_exception", $"Invalid alias name [{name}]: {problem}")
                    .With("index_uuid", "_na_").With("index", name));
            }

            if (definition is not JsonObject fields)
            {
                throw new EsErrorException(EsErrors.Parsing($"alias [{name}] must be an object"));
            }

            foreach (var (field, value) in fields)
            {
                if (!Fields.Contains(field))
                {
                    throw new EsErrorException(EsErrors.IllegalArgument($"Unknown field [{field}] in alias [{name}]"));
                }

                if (field == "filter")
                {
                    // Writes never look at a filter, but its query must be one the server understands.
                    QueryCompiler.Compile(value);
                }
                else if (field is "is_write_index" or "is_hidden" && value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new EsErrorException(EsErrors.IllegalArgument($"Failed to parse value [{value}] as only [true] or [false] are allowed."));
                }
            }
        }
    }

    /// <summary>How Elasticsearch shows aliases: <c>routing</c> split into index and search routing.</summary>
    public static JsonObject ToJson(JsonObject aliases, string? index = null)
    {
        var result = new JsonObject();
        foreach (var (name, definition) in aliases)
        {
            var fields = definition as JsonObject ?? [];
            var json = new JsonObject();
            if (fields["filter"] is { } filter)
            {
                json["filter"] = filter.DeepClone();
            }

            if ((fields["index_routing"] ?? fields["routing"]) is { } indexRouting)
            {
                json["index_routing"] = indexRouting.DeepClone();
            }

            if ((fields["search_routing"] ?? fields["routing"]) is { } searchRouting)
            {
                json["search_routing"] = searchRouting.DeepClone();
            }

            foreach (var flag in new[] { "is_write_index", "is_hidden" })
            {
                if (fields[flag] is { } value)
                {
                    json[flag] = value.DeepClone();
                }
            }

            result[index is null ? name : name.Replace("{index}", index, StringComparison.Ordinal)] = json;
        }

        return result;
    }
}
