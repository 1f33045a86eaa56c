using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Reads the bodies of <c>PUT _index_template</c> and <c>PUT _template</c> as Elasticsearch's parsers do: unknown
/// fields and values of the wrong kind are refused with <c>x_content_parse_exception</c> (composable) or the legacy
/// parser's messages, located at the field like Elasticsearch's.
/// </summary>
internal static class TemplateParser
{
    public static ComposableTemplate ParseComposable(string name, EsRequest request, ServerProfile profile)
    {
        var body = Body(request);
        List<string>? patterns = null;
        long? priority = null;
        long? version = null;
        JsonObject? meta = null;
        JsonObject? dataStream = null;
        List<string>? composedOf = null;
        bool? allowAutoCreate = null;
        List<string>? ignoreMissing = null;
        var section = new TemplateSection(null, null, null, null, false);
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "index_patterns":
                    patterns = StringList(request, "index_template", key, value);
                    break;
                case "priority":
                    priority = Long(request, "index_template", key, value);
                    break;
                case "version":
                    version = Long(request, "index_template", key, value);
                    break;
                case "_meta":
                    meta = Object(request, "index_template", key, value);
                    break;
                case "composed_of":
                    composedOf = StringList(request, "index_template", key, value);
                    break;
                case "template":
                    section = Section(request, Object(request, "index_template", key, value), profile);
                    break;
                case "data_stream" when profile.HasDataStreams:
                    dataStream = DataStreamTemplate(request, Object(request, "index_template", key, value), profile);
                    break;
                case "allow_auto_create" when !profile.IsOpenSearch && (profile.IsServerless || profile.AtLeast(7, 11)):
                    allowAutoCreate = Boolean(request, "index_template", key, value);
                    break;
                case "ignore_missing_component_templates" when profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(8, 7)):
                    ignoreMissing = StringList(request, "index_template", key, value);
                    break;
                default:
                    throw new EsErrorException(XContent(request, $"[index_template] unknown field [{key}]", key));
            }
        }

        if (patterns is null)
        {
            throw new EsErrorException(EsErrors.IllegalArgument("Required [index_patterns]"));
        }

        return new ComposableTemplate
        {
            Name = name,
            Patterns = patterns,
            Priority = priority,
            Version = version,
            Meta = meta,
            DataStream = dataStream,
            ComposedOf = composedOf,
            AllowAutoCreate = allowAutoCreate,
            IgnoreMissingComponentTemplates = ignoreMissing,
            HasTemplate = section.Present,
            Settings = section.Settings,
            Mappings = section.Mappings,
            Aliases = section.Aliases,
            Lifecycle = section.Lifecycle,
        };
    }

    /// <summary>The legacy parser (PutIndexTemplateRequest.source): loose about types, strict about keys.</summary>
    public static LegacyTemplate ParseLegacy(string name, EsRequest request)
    {
        var body = Body(request);
        List<string>? patterns = null;
        var order = 0;
        int? version = null;
        var settings = IndexSettings.Empty;
        JsonObject mappings = [];
        JsonObject aliases = [];
        if (request.Param("order") is { } orderParameter)
        {
            order = int.TryParse(orderParameter, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new EsErrorException(new EsError(400, "illegal_argument_exception", $"Failed to parse int parameter [order] with value [{orderParameter}]")
                {
                    CausedBy = EsErrors.Cause("number_format_exception", $"For input string: \"{orderParameter}\""),
                });
        }

        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "index_patterns":
                    patterns = value switch
                    {
                        JsonValue single when single.GetValueKind() == JsonValueKind.String => [single.GetValue<string>()],
                        JsonArray list => list.Select(v => v is JsonValue scalar ? Text(scalar) : throw MalformedPatterns()).ToList(),
                        _ => throw MalformedPatterns(),
                    };
                    break;
                case "order":
                    order = value?.GetValueKind() == JsonValueKind.Number
                        ? (int)value.GetValue<double>()
                        : int.TryParse(value?.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                            ? number
                            : throw new EsErrorException(new EsError(400, "number_format_exception", $"For input string: \"{value}\"") { FromElasticsearch = false });
                    break;
                case "version":
                    version = value?.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var v && v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue
                        ? (int)v
                        : throw new EsErrorException(EsErrors.IllegalArgument("Malformed [version] value, should be an integer"));
                    break;
                case "settings":
                    settings = IndexSettings.FromJson(value as JsonObject
                        ?? throw new EsErrorException(EsErrors.IllegalArgument("Malformed [settings] section, should include an inner object")));
                    break;
                case "mappings":
                    mappings = value as JsonObject ?? throw ClassCast(value);
                    break;
                case "aliases":
                    aliases = value as JsonObject ?? throw ClassCast(value);
                    break;
                default:
                    throw new EsErrorException(new EsError(400, "parse_exception", $"unknown key [{key}] in the template "));
            }
        }

        if (patterns is null or { Count: 0 })
        {
            throw new EsErrorException(EsErrors.Validation(["index patterns are missing"]));
        }

        return new LegacyTemplate
        {
            Name = name,
            Patterns = patterns,
            Order = order,
            Version = version,
            Settings = settings,
            Mappings = mappings,
            Aliases = aliases,
        };
    }

    private static JsonObject Body(EsRequest request)
    {
        if (request.Body.Length == 0)
        {
            throw new EsErrorException(EsErrors.BodyRequired());
        }

        return request.ParseJsonBody() as JsonObject
            ?? throw new EsErrorException(new EsError(400, "x_content_parse_exception", "[1:1] Expected START_OBJECT but found a value"));
    }

    private static TemplateSection Section(EsRequest request, JsonObject template, ServerProfile profile)
    {
        IndexSettings? settings = null;
        JsonObject? mappings = null;
        JsonObject? aliases = null;
        JsonObject? lifecycle = null;
        foreach (var (key, value) in template)
        {
            switch (key)
            {
                case "settings":
                    settings = IndexSettings.FromJson(Object(request, "template", key, value, "template"));
                    break;
                case "mappings":
                    mappings = Object(request, "template", key, value, "template");

                    // Templates may wrap their mappings in the single type _doc; Elasticsearch unwraps it.
                    if (mappings is { Count: 1 } && mappings["_doc"] is JsonObject typed)
                    {
                        mappings = typed;
                    }

                    break;
                case "aliases":
                    aliases = Object(request, "template", key, value, "template");
                    break;
                case "lifecycle" when profile.HasDataStreamLifecycle:
                    lifecycle = Lifecycle(request, Object(request, "template", key, value, "template"));
                    break;
                case "data_stream_options" when profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(9, 1)):
                    throw new EsErrorException(EsErrors.Unsupported("[template.data_stream_options] (failure store)"));
                default:
                    throw new EsErrorException(Nested(request, "template", XContent(request, $"[template] unknown field [{key}]", "template", key)));
            }
        }

        return new TemplateSection(settings, mappings, aliases, lifecycle, true);
    }

    private static JsonObject Lifecycle(EsRequest request, JsonObject lifecycle)
    {
        foreach (var (key, value) in lifecycle)
        {
            switch (key)
            {
                case "enabled":
                    if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw new EsErrorException(Nested(request, "template",
                            XContent(request, $"[lifecycle] enabled doesn't support values of type: {Token(value)}", "template", "lifecycle", key)));
                    }

                    break;
                case "data_retention":
                    if (value?.GetValueKind() != JsonValueKind.String || TimeValues.Problem("data_retention", value.GetValue<string>(), allowMinusOne: false) is { } problem)
                    {
                        var reason = value?.GetValueKind() == JsonValueKind.String
                            ? TimeValues.Problem("data_retention", value.GetValue<string>(), allowMinusOne: false)!
                            : $"[lifecycle] data_retention doesn't support values of type: {Token(value)}";
                        throw new EsErrorException(Nested(request, "template", new EsError(400, "parse_exception", reason)));
                    }

                    break;
                case "downsampling":
                    throw new EsErrorException(EsErrors.Unsupported("[lifecycle.downsampling]"));
                default:
                    throw new EsErrorException(Nested(request, "template",
                        XContent(request, $"[lifecycle] unknown field [{key}]", "template", "lifecycle", key)));
            }
        }

        return lifecycle;
    }

    private static JsonObject DataStreamTemplate(EsRequest request, JsonObject dataStream, ServerProfile profile)
    {
        foreach (var (key, value) in dataStream)
        {
            var known = profile.IsOpenSearch
                ? key == "timestamp_field"
                : key == "hidden" || (key == "allow_custom_routing" && (profile.IsServerless || profile.AtLeast(8, 0)));
            if (!known)
            {
                throw new EsErrorException(Nested(request, "data_stream",
                    XContent(request, $"[data_stream_template] unknown field [{key}]", "data_stream", key)));
            }

            var valid = key == "timestamp_field"
                ? value is JsonObject { Count: 1 } field && field["name"]?.GetValueKind() == JsonValueKind.String
                : value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
            if (!valid)
            {
                throw new EsErrorException(Nested(request, "data_stream",
                    XContent(request, $"[data_stream_template] {key} doesn't support values of type: {Token(value)}", "data_stream", key)));
            }

            if (key == "timestamp_field" && value!["name"]!.GetValue<string>() != "@timestamp")
            {
                throw new EsErrorException(EsErrors.Unsupported("a data stream timestamp field other than [@timestamp]"));
            }
        }

        return dataStream;
    }

    private static List<string> StringList(EsRequest request, string owner, string key, JsonNode? value)
    {
        switch (value)
        {
            case JsonValue single when single.GetValueKind() is JsonValueKind.String:
                return [single.GetValue<string>()];
            case JsonArray array:
                var result = new List<string>();
                foreach (var item in array)
                {
                    // Elasticsearch reads any scalar as text, but nothing else.
                    result.Add(item is JsonValue scalar && scalar.GetValueKind() != JsonValueKind.Null
                        ? Text(scalar)
                        : throw new EsErrorException(XContent(request, $"[{owner}] failed to parse field [{key}]", key)));
                }

                return result;
            default:
                throw new EsErrorException(XContent(request, $"[{owner}] {key} doesn't support values of type: {Token(value)}", key));
        }
    }

    private static long Long(EsRequest request, string owner, string key, JsonNode? value)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.Number:
                return value.AsValue().TryGetValue<long>(out var whole) ? whole : (long)value.GetValue<double>();
            case JsonValueKind.String when long.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonValueKind.String:
                throw new EsErrorException(new EsError(400, "x_content_parse_exception", $"{JsonLocations.Of(request.Body, key)} [{owner}] failed to parse field [{key}]")
                {
                    CausedBy = EsErrors.Cause("illegal_argument_exception", $"For input string: \"{value}\""),
                });
            default:
                throw new EsErrorException(XContent(request, $"[{owner}] {key} doesn't support values of type: {Token(value)}", key));
        }
    }

    private static bool Boolean(EsRequest request, string owner, string key, JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when value.GetValue<string>() is "true" or "false" => value.GetValue<string>() == "true",
        _ => throw new EsErrorException(XContent(request, $"[{owner}] {key} doesn't support values of type: {Token(value)}", key)),
    };

    private static JsonObject Object(EsRequest request, string owner, string key, JsonNode? value, params string[] parents) =>
        value as JsonObject ?? throw new EsErrorException(parents.Length == 0
            ? XContent(request, $"[{owner}] {key} doesn't support values of type: {Token(value)}", key)
            : Nested(request, parents[0], XContent(request, $"[{owner}] {key} doesn't support values of type: {Token(value)}", [.. parents, key])));

    // A failure inside an object field surfaces wrapped in the outer parser's "failed to parse field".
    private static EsError Nested(EsRequest request, string field, EsError cause) =>
        new(400, "x_content_parse_exception", $"{JsonLocations.Of(request.Body, field)} [index_template] failed to parse field [{field}]")
        {
            CausedBy = cause,
        };

    private static EsError XContent(EsRequest request, string reason, params string[] path) =>
        new(400, "x_content_parse_exception", $"{JsonLocations.Of(request.Body, path)} {reason}");

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static string Token(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "VALUE_NULL",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER",
        JsonValueKind.True or JsonValueKind.False => "VALUE_BOOLEAN",
        JsonValueKind.Array => "START_ARRAY",
        _ => "START_OBJECT",
    };

    private static EsErrorException MalformedPatterns() =>
        new(EsErrors.IllegalArgument("Malformed [index_patterns] value, should be a string or a list of strings"));

    // The legacy parser casts sections to maps and fails like the JDK when they are not.
    private static EsErrorException ClassCast(JsonNode? value)
    {
        var type = value?.GetValueKind() switch
        {
            JsonValueKind.String => "java.lang.String",
            JsonValueKind.Number => "java.lang.Integer",
            JsonValueKind.Array => "java.util.ArrayList",
            _ => "java.lang.Boolean",
        };
        return new(new EsError(500, "class_cast_exception",
            $"class {type} cannot be cast to class java.util.Map ({type} and java.util.Map are in module java.base of loader 'bootstrap')")
        {
            FromElasticsearch = false,
        });
    }

    private sealed record TemplateSection(IndexSettings? Settings, JsonObject? Mappings, JsonObject? Aliases, JsonObject? Lifecycle, bool Present);
}
