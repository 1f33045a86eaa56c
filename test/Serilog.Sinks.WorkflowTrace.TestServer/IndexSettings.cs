using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Index settings the way Elasticsearch keeps them: flat keys with the <c>index.</c> prefix
/// (<c>{"number_of_shards":2}</c> becomes <c>index.number_of_shards</c>), every value a string (or a list of
/// strings), shown nested in Elasticsearch's (hash map) order.
/// </summary>
internal sealed class IndexSettings
{
    private readonly SortedDictionary<string, JsonNode> _values;

    private IndexSettings(SortedDictionary<string, JsonNode> values) => _values = values;

    public static IndexSettings Empty => new(new SortedDictionary<string, JsonNode>(StringComparer.Ordinal));

    public IEnumerable<string> Keys => _values.Keys;

    public int Count => _values.Count;

    public string? Get(string key) => _values.TryGetValue(key, out var value) && value is JsonValue ? value.GetValue<string>() : null;

    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>Flattens a <c>settings</c> object, normalising keys to the <c>index.</c> prefix and values to strings.</summary>
    public static IndexSettings FromJson(JsonObject settings)
    {
        var values = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        Flatten(settings, string.Empty, values);
        return new IndexSettings(values);
    }

    /// <summary>These settings with <paramref name="over"/>'s on top.</summary>
    public IndexSettings MergedWith(IndexSettings over)
    {
        var values = new SortedDictionary<string, JsonNode>(_values.ToDictionary(p => p.Key, p => p.Value.DeepClone()), StringComparer.Ordinal);
        foreach (var (key, value) in over._values)
        {
            values[key] = value.DeepClone();
        }

        return new IndexSettings(values);
    }

    /// <summary>A copy with <paramref name="key"/> set (when it is not set already, unless <paramref name="overwrite"/>).</summary>
    public IndexSettings With(string key, string value, bool overwrite = true)
    {
        var copy = MergedWith(Empty);
        if (overwrite || !copy._values.ContainsKey(key))
        {
            copy._values[key] = JsonValue.Create(value);
        }

        return copy;
    }

    /// <summary>A copy without <paramref name="key"/> (set back to its default).</summary>
    public IndexSettings Without(string key)
    {
        var copy = MergedWith(Empty);
        copy._values.Remove(key);
        return copy;
    }

    /// <summary>
    /// <c>{"index":{"number_of_shards":"1",...}}</c> in Elasticsearch's order, or the flat form (sorted by key) that
    /// <c>flat_settings=true</c> asks for.
    /// </summary>
    public JsonObject ToJson(bool flat = false)
    {
        if (flat)
        {
            var result = new JsonObject();
            foreach (var (key, value) in _values)
            {
                result[key] = value.DeepClone();
            }

            return result;
        }

        var tree = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in _values)
        {
            var parts = key.Split('.');
            var current = tree;
            foreach (var part in parts[..^1])
            {
                if (current.GetValueOrDefault(part) is not Dictionary<string, object> child)
                {
                    child = new Dictionary<string, object>(StringComparer.Ordinal);
                    current[part] = child;
                }

                current = child;
            }

            current[parts[^1]] = value;
        }

        return Nested(tree);
    }

    private static JsonObject Nested(Dictionary<string, object> level)
    {
        var result = new JsonObject();
        foreach (var key in JavaHashMapOrder.Of(level.Keys))
        {
            result[key] = level[key] switch
            {
                Dictionary<string, object> child => Nested(child),
                JsonNode value => value.DeepClone(),
                _ => null,
            };
        }

        return result;
    }

    private static void Flatten(JsonObject node, string prefix, SortedDictionary<string, JsonNode> values)
    {
        foreach (var (name, value) in node)
        {
            var key = prefix + name;
            switch (value)
            {
                case JsonObject child:
                    Flatten(child, key + ".", values);
                    break;
                case null:
                    // A null resets a setting to its default: nothing to keep.
                    break;
                case JsonArray array:
                    values[Normalize(key)] = new JsonArray(array.Select(v => (JsonNode?)JsonValue.Create(Text(v))).ToArray());
                    break;
                default:
                    values[Normalize(key)] = JsonValue.Create(Text(value))!;
                    break;
            }
        }
    }

    // Elasticsearch's Settings.normalizePrefix("index."): index-scoped keys always carry the prefix.
    private static string Normalize(string key) => key.StartsWith("index.", StringComparison.Ordinal) ? key : "index." + key;

    private static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    /// <summary>A whole number setting value, or null when it is not one.</summary>
    public static long? Integer(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
