using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// An index's mapping, flattened to full field paths. Grows by dynamic mapping as documents arrive; the
/// first value seen at a path fixes its type, as in Elasticsearch.
/// </summary>
internal sealed class IndexMapping
{
    private const string Root = "";

    private readonly Dictionary<string, FieldMapping> _fields = new(StringComparer.Ordinal);
    private string? _rootDynamic;

    public FieldMapping? Get(string path) => _fields.GetValueOrDefault(path);

    /// <summary>The <c>dynamic</c> setting in force inside the object at <paramref name="objectPath"/> ("" is the root).</summary>
    public string DynamicFor(string objectPath)
    {
        for (var path = objectPath; path.Length > 0; path = Parent(path))
        {
            if (_fields.GetValueOrDefault(path)?.Dynamic is { } dynamic)
            {
                return dynamic;
            }
        }

        return _rootDynamic ?? "true";
    }

    public void AddAll(IEnumerable<KeyValuePair<string, FieldMapping>> fields)
    {
        foreach (var (path, mapping) in fields)
        {
            _fields[path] = mapping;
        }
    }

    public static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? Root : path[..dot];
    }

    /// <summary>The <c>mappings</c> object as <c>GET /{index}/_mapping</c> shows it; properties sorted by name.</summary>
    public JsonObject ToJson()
    {
        var mappings = new JsonObject();
        if (_rootDynamic is not null)
        {
            mappings["dynamic"] = _rootDynamic;
        }

        var properties = PropertiesOf(Root);
        if (properties is not null)
        {
            mappings["properties"] = properties;
        }

        return mappings;
    }

    private JsonObject? PropertiesOf(string objectPath)
    {
        var prefix = objectPath.Length == 0 ? string.Empty : objectPath + ".";
        var children = _fields.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !p[prefix.Length..].Contains('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (children.Count == 0)
        {
            return null;
        }

        var properties = new JsonObject();
        foreach (var path in children)
        {
            properties[path[prefix.Length..]] = FieldJson(path, _fields[path]);
        }

        return properties;
    }

    private JsonObject FieldJson(string path, FieldMapping field)
    {
        if (field.Type == FieldType.Object)
        {
            var result = new JsonObject();
            if (field.Dynamic is not null)
            {
                result["dynamic"] = field.Dynamic;
            }

            var properties = PropertiesOf(path);
            if (properties is null)
            {
                result["type"] = "object";
            }
            else
            {
                result["properties"] = properties;
            }

            return result;
        }

        var json = new JsonObject { ["type"] = field.TypeName };
        if (field.Type == FieldType.Keyword && field.IgnoreAbove != int.MaxValue)
        {
            json["ignore_above"] = field.IgnoreAbove;
        }

        if (field.KeywordSubfield)
        {
            json["fields"] = new JsonObject
            {
                ["keyword"] = new JsonObject { ["type"] = "keyword", ["ignore_above"] = 256 },
            };
        }

        return json;
    }

    /// <summary>Reads explicit mappings (<c>PUT /{index}</c>); only the field types the fake models are accepted.</summary>
    public static IndexMapping FromJson(JsonObject mappings)
    {
        var mapping = new IndexMapping();
        foreach (var (key, value) in mappings)
        {
            switch (key)
            {
                case "dynamic":
                    mapping._rootDynamic = DynamicValue(value);
                    break;
                case "properties":
                    mapping.ReadProperties(Root, value as JsonObject ?? throw Malformed("properties"));
                    break;
                case "_meta":
                    break;
                default:
                    throw new EsErrorException(EsErrors.Unsupported($"the mapping parameter [{key}]"));
            }
        }

        return mapping;
    }

    private void ReadProperties(string objectPath, JsonObject properties)
    {
        foreach (var (name, value) in properties)
        {
            var path = objectPath.Length == 0 ? name : objectPath + "." + name;
            var field = value as JsonObject ?? throw Malformed(path);
            var type = field["type"]?.GetValue<string>() ?? "object";
            var dynamic = field["dynamic"] is { } d ? DynamicValue(d) : null;
            _fields[path] = type switch
            {
                "object" or "nested" => FieldMapping.Object(dynamic) with { TypeName = type },
                "long" or "integer" or "short" or "byte" or "unsigned_long" => new FieldMapping(FieldType.Long, type),
                "float" or "double" or "half_float" or "scaled_float" => new FieldMapping(FieldType.Float, type),
                "boolean" => new FieldMapping(FieldType.Boolean, type),
                "date" or "date_nanos" => new FieldMapping(FieldType.Date, type),
                "keyword" or "constant_keyword" or "wildcard" => new FieldMapping(FieldType.Keyword, type)
                {
                    IgnoreAbove = field["ignore_above"]?.GetValue<int>() ?? int.MaxValue,
                },
                "text" or "match_only_text" => new FieldMapping(FieldType.Text, type)
                {
                    KeywordSubfield = field["fields"]?["keyword"]?["type"]?.GetValue<string>() == "keyword",
                },
                _ => throw new EsErrorException(EsErrors.Unsupported($"the field type [{type}] (field [{path}])")),
            };

            if (field["properties"] is JsonObject children)
            {
                ReadProperties(path, children);
            }
        }
    }

    private static string DynamicValue(JsonNode? value) => value?.ToString() switch
    {
        "true" or "True" => "true",
        "false" or "False" => "false",
        "strict" => "strict",
        "runtime" => throw new EsErrorException(EsErrors.Unsupported("dynamic [runtime]")),
        var other => throw new EsErrorException(
            EsErrors.IllegalArgument($"Could not convert [dynamic] to boolean: [{other}]")),
    };

    private static EsErrorException Malformed(string path) =>
        new(new EsError(400, "mapper_parsing_exception", $"Expected map for property [{path}]"));
}
