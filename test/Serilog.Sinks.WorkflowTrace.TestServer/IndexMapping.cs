using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// An index's mapping, flattened to full field paths. Starts from explicit mappings (a template's, a create-index
/// request's) and grows by dynamic mapping as documents arrive; the first value seen at a path fixes its type, as
/// in Elasticsearch.
/// </summary>
internal sealed class IndexMapping
{
    private const string Root = "";

    // Analyzers every cluster has without configuration.
    private static readonly HashSet<string> BuiltInAnalyzers = new(StringComparer.Ordinal)
    {
        "standard", "simple", "whitespace", "stop", "keyword", "pattern", "fingerprint", "english", "french", "german",
        "spanish", "italian", "portuguese", "dutch", "russian", "cjk", "arabic",
    };

    // Field types Elasticsearch knows that the fake does not model (so it says so rather than pretending).
    private static readonly HashSet<string> UnmodelledTypes = new(StringComparer.Ordinal)
    {
        "binary", "integer_range", "float_range", "long_range", "double_range", "date_range", "ip_range", "flattened",
        "geo_point", "geo_shape", "point", "shape", "completion", "search_as_you_type", "token_count", "dense_vector",
        "sparse_vector", "rank_feature", "rank_features", "percolator", "join", "histogram", "aggregate_metric_double",
        "semantic_text", "version", "murmur3", "annotated_text", "counted_keyword", "passthrough", "knn_vector",
        "match_only_text_with_fields",
    };

    private static readonly string[] CommonParameters = ["type", "index", "store", "doc_values", "meta", "fields", "null_value", "boost", "copy_to", "script", "on_script_error"];

    private static readonly Dictionary<string, string[]> TypeParameters = new(StringComparer.Ordinal)
    {
        ["keyword"] = ["ignore_above", "normalizer", "eager_global_ordinals", "split_queries_on_whitespace", "index_options", "norms", "similarity", "time_series_dimension"],
        ["constant_keyword"] = ["value"],
        ["wildcard"] = ["ignore_above"],
        ["text"] = ["analyzer", "search_analyzer", "search_quote_analyzer", "fielddata", "fielddata_frequency_filter", "index_options",
            "index_prefixes", "index_phrases", "norms", "position_increment_gap", "similarity", "term_vector", "eager_global_ordinals"],
        ["match_only_text"] = [],
        ["long"] = ["coerce", "ignore_malformed", "time_series_metric", "time_series_dimension"],
        ["integer"] = ["coerce", "ignore_malformed", "time_series_metric", "time_series_dimension"],
        ["short"] = ["coerce", "ignore_malformed", "time_series_metric", "time_series_dimension"],
        ["byte"] = ["coerce", "ignore_malformed", "time_series_metric", "time_series_dimension"],
        ["unsigned_long"] = ["coerce", "ignore_malformed", "time_series_metric", "time_series_dimension"],
        ["float"] = ["coerce", "ignore_malformed", "time_series_metric"],
        ["double"] = ["coerce", "ignore_malformed", "time_series_metric"],
        ["half_float"] = ["coerce", "ignore_malformed", "time_series_metric"],
        ["scaled_float"] = ["coerce", "ignore_malformed", "time_series_metric", "scaling_factor"],
        ["date"] = ["format", "locale", "ignore_malformed", "print_format"],
        ["date_nanos"] = ["format", "locale", "ignore_malformed", "print_format"],
        ["boolean"] = [],
        ["ip"] = ["ignore_malformed", "time_series_dimension"],
    };

    private readonly Dictionary<string, FieldMapping> _fields = new(StringComparer.Ordinal);
    private string? _rootDynamic;
    private JsonObject? _meta;
    private JsonObject? _source;
    private bool _dateDetection = true;

    /// <summary>Whether strings that look like dates become <c>date</c> fields (<c>date_detection</c>).</summary>
    public bool DateDetection => _dateDetection;

    /// <summary>Set on a data stream's backing index: shown as <c>_data_stream_timestamp</c>.</summary>
    public bool DataStreamTimestamp { get; set; }

    /// <summary>False when <c>_source.enabled</c> is false: documents are not returned by reads.</summary>
    public bool SourceEnabled => _source?["enabled"]?.GetValueKind() != JsonValueKind.False;

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

        if (_meta is not null)
        {
            mappings["_meta"] = _meta.DeepClone();
        }

        if (DataStreamTimestamp)
        {
            mappings["_data_stream_timestamp"] = new JsonObject { ["enabled"] = true };
        }

        if (_source is not null)
        {
            mappings["_source"] = _source.DeepClone();
        }

        if (!_dateDetection)
        {
            mappings["date_detection"] = false;
        }

        if (PropertiesOf(Root) is { } properties)
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
            // Elasticsearch names the type only when no properties imply it.
            var result = new JsonObject();
            var properties = PropertiesOf(path);
            if (properties is null || field.TypeName != "object")
            {
                result["type"] = field.TypeName;
            }

            if (field.Dynamic is not null)
            {
                result["dynamic"] = field.Dynamic;
            }

            if (!field.Enabled)
            {
                result["enabled"] = false;
            }

            if (properties is not null)
            {
                result["properties"] = properties;
            }

            return result;
        }

        var json = new JsonObject { ["type"] = field.TypeName };
        if (field.Definition is { } definition)
        {
            foreach (var (key, value) in definition)
            {
                if (key != "type")
                {
                    json[key] = value?.DeepClone();
                }
            }

            return json;
        }

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

    /// <summary>
    /// Reads explicit mappings (a create-index request's, a template's). Refuses what Elasticsearch refuses with its
    /// mapper_parsing_exception; refuses with "does not support" what it would accept but the fake cannot follow.
    /// </summary>
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
                    mapping._meta = value as JsonObject ?? throw MapperParsing($"[_meta] must be an object, got {Kind(value)}[{value}] instead");
                    break;
                case "_source":
                    mapping._source = ReadSource(value);
                    break;
                case "_data_stream_timestamp" when value is JsonObject { Count: 1 } timestamp && timestamp["enabled"]?.GetValueKind() == JsonValueKind.True:
                    mapping.DataStreamTimestamp = true;
                    break;
                case "_routing" when value is JsonObject routing && routing["required"]?.GetValueKind() is null or JsonValueKind.False:
                    break;
                case "dynamic_templates" when value is JsonArray { Count: 0 }:
                    break;
                case "date_detection":
                    mapping._dateDetection = value?.GetValueKind() != JsonValueKind.False && value?.ToString() != "false";
                    break;
                case "numeric_detection" when value?.GetValueKind() == JsonValueKind.False:
                    break;
                case "dynamic_templates" or "numeric_detection" or "dynamic_date_formats" or "runtime" or "subobjects"
                    or "_routing" or "_data_stream_timestamp" or "_field_names" or "_size":
                    throw new EsErrorException(EsErrors.Unsupported($"the mapping parameter [{key}]"));
                default:
                    throw MapperParsing($"Root mapping definition has unsupported parameters:  [{key} : {JavaText(value)}]");
            }
        }

        mapping.ValidateAliases();
        return mapping;
    }

    /// <summary>
    /// <paramref name="over"/> on top of <paramref name="under"/>, as templates and a create-index request combine:
    /// objects merge field by field, a leaf field is replaced whole.
    /// </summary>
    public static JsonObject Merge(JsonObject? under, JsonObject? over)
    {
        var result = (JsonObject?)under?.DeepClone() ?? [];
        if (over is null)
        {
            return result;
        }

        foreach (var (key, value) in over)
        {
            if (key == "properties" && value is JsonObject overProperties && result["properties"] is JsonObject underProperties)
            {
                foreach (var (name, field) in overProperties)
                {
                    underProperties[name] = field is JsonObject overField && underProperties[name] is JsonObject underField
                        && IsObjectDefinition(overField) && IsObjectDefinition(underField)
                        ? Merge(underField, overField)
                        : field?.DeepClone();
                }
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static bool IsObjectDefinition(JsonObject field) =>
        field["properties"] is not null || field["type"]?.ToString() is null or "object" or "nested";

    private static JsonObject ReadSource(JsonNode? value)
    {
        if (value is not JsonObject source)
        {
            throw MapperParsing($"[_source] must be an object, got {Kind(value)}[{value}] instead");
        }

        foreach (var (key, setting) in source)
        {
            if (key != "enabled")
            {
                throw new EsErrorException(EsErrors.Unsupported($"the mapping parameter [_source.{key}]"));
            }

            if (setting?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw MapperParsing($"Failed to parse value [{setting}] as only [true] or [false] are allowed.");
            }
        }

        return source;
    }

    private void ReadProperties(string objectPath, JsonObject properties)
    {
        foreach (var (name, value) in properties)
        {
            var path = objectPath.Length == 0 ? name : objectPath + "." + name;
            var field = value as JsonObject ?? throw Malformed(path);

            // A dotted name in a mapping stands for objects, as it does in documents.
            for (var parent = Parent(path); parent.Length > objectPath.Length; parent = Parent(parent))
            {
                _fields.TryAdd(parent, FieldMapping.Object());
            }

            var type = field["type"] is { } typeNode ? typeNode.GetValueKind() == JsonValueKind.String ? typeNode.GetValue<string>() : throw MapperParsing($"No type specified for field [{name}]") : "object";
            _fields[path] = type switch
            {
                "object" or "nested" => ReadObject(path, name, type, field),
                "alias" => ReadAlias(path, name, field),
                _ => ReadLeaf(path, name, type, field),
            };

            if (type is "object" or "nested" && field["properties"] is JsonObject children)
            {
                ReadProperties(path, children);
            }
        }
    }

    private static FieldMapping ReadObject(string path, string name, string type, JsonObject field)
    {
        foreach (var (key, value) in field)
        {
            switch (key)
            {
                case "type" or "dynamic" or "properties":
                    break;
                case "enabled" when type == "object":
                    if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw MapperParsing($"Failed to parse value [{value}] as only [true] or [false] are allowed.");
                    }

                    break;
                case "subobjects" or "include_in_parent" or "include_in_root":
                    throw new EsErrorException(EsErrors.Unsupported($"the mapping parameter [{key}] (field [{path}])"));
                default:
                    throw MapperParsing($"Mapping definition for [{name}] has unsupported parameters:  [{key} : {JavaText(value)}]");
            }
        }

        if (field["properties"] is { } properties and not JsonObject)
        {
            throw MapperParsing($"Expected map for property [properties] on field [{name}] but got a {JavaClass(properties)}");
        }

        return FieldMapping.Object(field["dynamic"] is { } d ? DynamicValue(d) : null) with
        {
            TypeName = type,
            Enabled = field["enabled"]?.GetValueKind() != JsonValueKind.False,
        };
    }

    private static FieldMapping ReadAlias(string path, string name, JsonObject field)
    {
        foreach (var (key, value) in field)
        {
            if (key is not ("type" or "path"))
            {
                throw MapperParsing($"Mapping definition for [{name}] has unsupported parameters:  [{key} : {JavaText(value)}]");
            }
        }

        var target = field["path"]?.ToString() ?? throw MapperParsing($"The [path] property must be specified for field [{name}].");
        return new FieldMapping(FieldType.Alias, "alias") { Path = target, Definition = field };
    }

    private static FieldMapping ReadLeaf(string path, string name, string type, JsonObject field)
    {
        if (!TypeParameters.TryGetValue(type, out var specific))
        {
            throw UnmodelledTypes.Contains(type)
                ? new EsErrorException(EsErrors.Unsupported($"the field type [{type}] (field [{path}])"))
                : MapperParsing($"No handler for type [{type}] declared on field [{name}]");
        }

        foreach (var (key, value) in field)
        {
            if (!CommonParameters.Contains(key) && !specific.Contains(key))
            {
                throw MapperParsing($"unknown parameter [{key}] on mapper [{name}] of type [{type}]");
            }

            // Parameters that change which documents are accepted, and which the fake does not follow.
            var unmodelled = key switch
            {
                "copy_to" or "script" or "normalizer" => true,
                "ignore_malformed" => value?.GetValueKind() == JsonValueKind.True || value?.ToString() == "true",
                "coerce" => value?.GetValueKind() == JsonValueKind.False || value?.ToString() == "false",
                _ => false,
            };
            if (unmodelled)
            {
                throw new EsErrorException(EsErrors.Unsupported($"the mapping parameter [{key}] (field [{path}])"));
            }

            if (key is "analyzer" or "search_analyzer" or "search_quote_analyzer" && !BuiltInAnalyzers.Contains(value?.ToString() ?? string.Empty))
            {
                throw MapperParsing($"analyzer [{value}] has not been configured in mappings");
            }
        }

        if (type == "scaled_float" && field["scaling_factor"] is null)
        {
            throw MapperParsing($"Field [scaling_factor] is required");
        }

        var subfields = ReadSubfields(path, field["fields"]);
        var mapping = type switch
        {
            "long" or "integer" or "short" or "byte" or "unsigned_long" => new FieldMapping(FieldType.Long, type),
            "float" or "double" or "half_float" or "scaled_float" => new FieldMapping(FieldType.Float, type),
            "boolean" => new FieldMapping(FieldType.Boolean, type),
            "ip" => new FieldMapping(FieldType.Ip, type),
            "date" or "date_nanos" => new FieldMapping(FieldType.Date, type)
            {
                DateFormat = field["format"] is { } format ? DateFormat.Parse(format.ToString()) : DateFormat.Default,
            },
            "keyword" or "constant_keyword" or "wildcard" => new FieldMapping(FieldType.Keyword, type)
            {
                IgnoreAbove = field["ignore_above"] is { } above
                    ? above.GetValueKind() == JsonValueKind.Number && above.GetValue<double>() is var n && n == Math.Floor(n) && n >= 0
                        ? (int)Math.Min(n, int.MaxValue)
                        : throw MapperParsing($"For input string: \"{above}\"")
                    : int.MaxValue,
            },
            _ => new FieldMapping(FieldType.Text, type),
        };

        return mapping with
        {
            KeywordSubfield = subfields.TryGetValue("keyword", out var keyword) && keyword == "keyword",
            Definition = field,
        };
    }

    // Multi-fields see the same values as their parent; only the kinds that accept any scalar are modelled.
    private static Dictionary<string, string> ReadSubfields(string path, JsonNode? fields)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields is null)
        {
            return result;
        }

        if (fields is not JsonObject subfields)
        {
            throw MapperParsing($"Expected map for property [fields] on field [{path}] but got a {JavaClass(fields)}");
        }

        foreach (var (name, definition) in subfields)
        {
            var type = (definition as JsonObject)?["type"]?.ToString() ?? throw MapperParsing($"No type specified for field [{name}]");
            if (type is not ("keyword" or "text" or "match_only_text" or "wildcard"))
            {
                throw new EsErrorException(EsErrors.Unsupported($"a multi-field of type [{type}] (field [{path}.{name}])"));
            }

            ReadLeaf(path + "." + name, name, type, (JsonObject)definition!);
            result[name] = type;
        }

        return result;
    }

    // Elasticsearch checks aliases once the whole mapping is known.
    private void ValidateAliases()
    {
        foreach (var (path, field) in _fields.Where(f => f.Value.Type == FieldType.Alias))
        {
            var target = field.Path!;
            if (target == path)
            {
                throw MapperParsing($"Invalid [path] value [{target}] for field alias [{path}]: an alias cannot refer to itself.");
            }

            switch (_fields.GetValueOrDefault(target))
            {
                case null or { Type: FieldType.Object }:
                    throw MapperParsing($"Invalid [path] value [{target}] for field alias [{path}]: an alias must refer to an existing field in the mappings.");
                case { Type: FieldType.Alias }:
                    throw MapperParsing($"Invalid [path] value [{target}] for field alias [{path}]: an alias cannot refer to another alias.");
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

    private static string Kind(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "STRING",
        JsonValueKind.Number => "NUMBER",
        JsonValueKind.Array => "START_ARRAY",
        _ => "VALUE_BOOLEAN",
    };

    // Java's Map/List toString, as Elasticsearch quotes unsupported parameters.
    private static string JavaText(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{p.Key}={JavaText(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(", ", array.Select(JavaText)) + "]",
        _ => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
    };

    private static string JavaClass(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "class java.lang.String",
        JsonValueKind.Number => "class java.lang.Integer",
        JsonValueKind.Array => "class java.util.ArrayList",
        _ => "class java.lang.Boolean",
    };

    private static EsErrorException MapperParsing(string reason) => new(new EsError(400, "mapper_parsing_exception", reason));

    private static EsErrorException Malformed(string path) =>
        new(new EsError(400, "mapper_parsing_exception", $"Expected map for property [{path}]"));
}
