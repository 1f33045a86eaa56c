using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Elasticsearch's response filtering (<c>filter_path</c>, also used for <c>_source</c> includes/excludes):
/// dot-separated paths, <c>*</c> within a key, <c>**</c> for any depth, arrays transparent, a leading
/// <c>-</c> excludes. Objects and arrays left empty by an include filter disappear.
/// </summary>
internal static class FilterPath
{
    public static JsonNode Apply(JsonNode node, string filterPath)
    {
        var filters = filterPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Apply(node, filters.Where(f => !f.StartsWith('-')), filters.Where(f => f.StartsWith('-')).Select(f => f[1..]));
    }

    public static JsonNode Apply(JsonNode node, IEnumerable<string> includes, IEnumerable<string> excludes)
    {
        var includeStates = includes.Select(Start).ToList();
        var excludeStates = excludes.Select(Start).ToList();
        var result = includeStates.Count == 0 ? node.DeepClone() : Include(node, includeStates) ?? new JsonObject();
        if (excludeStates.Count > 0)
        {
            Exclude(result, excludeStates);
        }

        return result;
    }

    private static (string[] Segments, int Position) Start(string filter) => (filter.Split('.'), 0);

    private static JsonNode? Include(JsonNode? node, List<(string[] Segments, int Position)> states)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var next = Advance(states, key, out var complete);
                    if (complete)
                    {
                        result[key] = value?.DeepClone();
                    }
                    else if (next.Count > 0 && Include(value, next) is { } filtered)
                    {
                        result[key] = filtered;
                    }
                }

                return result.Count > 0 ? result : null;
            case JsonArray array:
                var elements = new JsonArray();
                foreach (var element in array)
                {
                    // Arrays are transparent: the same filters apply to each element; bare scalars drop out.
                    if (Include(element, states) is { } filtered)
                    {
                        elements.Add(filtered);
                    }
                }

                return elements.Count > 0 ? elements : null;
            default:
                return null;
        }
    }

    private static void Exclude(JsonNode? node, List<(string[] Segments, int Position)> states)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var next = Advance(states, key, out var complete);
                    if (complete)
                    {
                        obj.Remove(key);
                    }
                    else if (next.Count > 0)
                    {
                        Exclude(obj[key], next);
                    }
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Exclude(element, states);
                }

                break;
        }
    }

    private static List<(string[] Segments, int Position)> Advance(
        List<(string[] Segments, int Position)> states, string key, out bool complete)
    {
        var next = new List<(string[], int)>();
        complete = false;
        foreach (var state in states)
        {
            complete |= Step(state.Segments, state.Position, key, next);
        }

        return next;
    }

    // Returns true when the filter ends at this key (the whole value is selected).
    private static bool Step(string[] segments, int position, string key, List<(string[], int)> next)
    {
        var segment = segments[position];
        if (segment == "**")
        {
            if (position + 1 == segments.Length)
            {
                return true;
            }

            // "**" matches no key (try the following segment here) or this key and maybe more.
            next.Add((segments, position));
            return Step(segments, position + 1, key, next);
        }

        if (!Wildcard.Matches(segment, key))
        {
            return false;
        }

        if (position + 1 == segments.Length)
        {
            return true;
        }

        next.Add((segments, position + 1));
        return false;
    }
}
