using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// What the OpenAPI export of the specification loses for the search-side request bodies, put back so that the forms
/// Elasticsearch documents and accepts validate, and what it leaves open, closed where Elasticsearch refuses. Each
/// repair names the rule of the specification (elastic/elasticsearch-specification) it restores.
/// </summary>
static class OpenApiExportRepairs
{
    /// <summary>Repairs <paramref name="body"/> (the request body of <paramref name="endpoint"/>) and the <paramref name="schemas"/> it reaches, in place.</summary>
    public static void Apply(string endpoint, JsonObject body, JsonObject schemas)
    {
        // A union of the specification (A | B) is met by any member; the export writes oneOf, which demands exactly one,
        // so overlapping members refuse what the union allows: FieldValue is "number | number | string | boolean |
        // nullable string", which would refuse every number and every string.
        OneOfAsAnyOf(body);
        OneOfAsAnyOf(schemas);

        // @shortcut_property: {"term": {"field": "value"}} stands for {"term": {"field": {"value": "value"}}}, and
        // {"match": {"field": "text"}} for {"match": {"field": {"query": "text"}}}. The export keeps only the long form.
        Shortcut(schemas, "_types.query_dsl.TermQuery", new JsonObject { ["$ref"] = "#/components/schemas/_types.FieldValue" });
        Shortcut(schemas, "_types.query_dsl.MatchQuery", new JsonObject { ["$ref"] = "#/components/schemas/_types.FieldValue" });

        // @aliases aggs: "aggs" is accepted wherever "aggregations" is (the body and every sub-aggregation); and an
        // aggregation container holds one aggregation kind *beside* its sub-aggregations and meta, which the export's
        // maxProperties: 1 on the kinds forbids.
        if (body["properties"] is JsonObject bodyProperties && bodyProperties["aggregations"] is { } aggregations)
            bodyProperties["aggs"] = aggregations.DeepClone();
        if (schemas["_types.aggregations.AggregationContainer"]?["allOf"] is JsonArray container)
        {
            if (container[0]?["properties"] is JsonObject common && common["aggregations"] is { } subAggregations)
                common["aggs"] = subAggregations.DeepClone();
            if (container[1] is JsonObject kinds)
                kinds.Remove("maxProperties");
        }

        // Metadata is Dictionary<string, UserDefinedValue>: any JSON value, where the export allows only objects.
        if (schemas["_types.Metadata"] is JsonObject metadata)
            metadata["additionalProperties"] = new JsonObject();

        // What the export leaves open but Elasticsearch refuses: an unknown query kind ("unknown query [x]") and an
        // unknown key of the request body ("Unknown key for a VALUE_STRING in [x]"). Index settings stay open: they
        // are also accepted flat and dotted ("index.refresh_interval").
        if (schemas["_types.query_dsl.QueryContainer"] is JsonObject query)
            query["additionalProperties"] = false;
        if (endpoint != "indices.put_settings" && body["properties"] is not null)
            body["additionalProperties"] = false;
    }

    static void Shortcut(JsonObject schemas, string name, JsonObject shortForm)
    {
        if (schemas[name] is JsonObject longForm)
            schemas[name] = new JsonObject { ["anyOf"] = new JsonArray(shortForm, longForm.DeepClone()) };
    }

    static void OneOfAsAnyOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["oneOf"] is { } members)
                {
                    obj.Remove("oneOf");
                    obj["anyOf"] = members;
                }
                foreach (var (_, value) in obj.ToList())
                    OneOfAsAnyOf(value);
                break;
            case JsonArray array:
                foreach (var item in array)
                    OneOfAsAnyOf(item);
                break;
        }
    }
}
