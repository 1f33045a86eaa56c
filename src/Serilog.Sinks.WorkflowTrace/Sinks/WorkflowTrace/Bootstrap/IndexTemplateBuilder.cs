using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>
/// Builds the index template for a server: composable (<c>_index_template</c>) where the server has it, the legacy
/// <c>_template</c> for Elasticsearch before 7.8. The mapping is the field contract's, exactly; only
/// <c>metadata</c> is dynamic. <c>_meta</c> carries the format version and a hash of everything else, so an
/// installed template with the same hash need not be written again.
/// </summary>
static class IndexTemplateBuilder
{
    /// <summary>Raised whenever the template's shape changes in a way the hash alone would not say.</summary>
    public const int FormatVersion = 1;

    public const string ManagedBy = "Serilog.Sinks.WorkflowTrace";

    static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static IndexTemplateRequest Build(ServerInfo server, IndexTemplateOptions options)
    {
        var legacy = !server.SupportsComposableTemplates;
        if (options.DataStream && !server.SupportsDataStreams)
            throw new NotSupportedException($"{server} has no data streams; switch the dataStream option off.");
        if (options.LifecyclePolicyName is not null && server.Kind != ServerKind.Elasticsearch)
            throw new NotSupportedException($"{server} has no ILM; its lifecycle goes elsewhere.");
        if (options.DataRetention is not null && (legacy || !options.DataStream))
            throw new NotSupportedException("a data stream lifecycle needs a composable template for a data stream.");

        var mappings = Mappings(options.DataStream);
        JsonObject? settings = null;
        if (server.AcceptsShardSettings)
        {
            var index = new JsonObject
            {
                ["number_of_shards"] = options.Shards,
                ["number_of_replicas"] = options.Replicas,
                ["refresh_interval"] = options.RefreshInterval,
            };
            if (options.LifecyclePolicyName is { } policy)
                index["lifecycle"] = new JsonObject { ["name"] = policy };
            settings = new JsonObject { ["index"] = index };
        }

        JsonObject body;
        if (legacy)
        {
            body = new JsonObject
            {
                ["index_patterns"] = new JsonArray(options.Patterns.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
                ["order"] = options.Priority,
                ["version"] = FormatVersion,
            };
            if (settings is not null)
                body["settings"] = settings;
            body["mappings"] = mappings;
        }
        else
        {
            var template = new JsonObject();
            if (settings is not null)
                template["settings"] = settings;
            template["mappings"] = mappings;
            if (options.DataRetention is { } retention)
                template["lifecycle"] = new JsonObject { ["data_retention"] = retention };
            body = new JsonObject
            {
                ["index_patterns"] = new JsonArray(options.Patterns.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
                ["priority"] = options.Priority,
                ["version"] = FormatVersion,
                ["template"] = template,
            };
            if (options.DataStream)
                body["data_stream"] = new JsonObject();
        }

        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, Compact))).ToLowerInvariant();
        var meta = new JsonObject { ["managed_by"] = ManagedBy, ["format_version"] = FormatVersion, ["content_hash"] = hash };
        if (legacy)
            mappings["_meta"] = meta; // legacy templates have no top-level _meta; mappings do
        else
            body["_meta"] = meta;

        var path = (legacy ? "_template/" : "_index_template/") + Uri.EscapeDataString(options.Name);
        return new IndexTemplateRequest(path, JsonSerializer.SerializeToUtf8Bytes(body, Compact), hash, legacy);
    }

    static JsonObject Mappings(bool dataStream)
    {
        var properties = new JsonObject();
        foreach (var (field, type) in TraceMapping.Fields)
        {
            properties[field] = field == "metadata"
                ? new JsonObject { ["type"] = "object", ["dynamic"] = true }
                : new JsonObject { ["type"] = type };
        }

        // Kibana wants @timestamp: a data stream requires a real date field; a plain index gets an alias of datetime.
        properties["@timestamp"] = dataStream
            ? new JsonObject { ["type"] = "date" }
            : new JsonObject { ["type"] = "alias", ["path"] = "datetime" };

        return new JsonObject
        {
            // Unknown top-level fields (a Python producer's error_flag, say) are kept in _source but not indexed.
            ["dynamic"] = false,
            ["properties"] = properties,
        };
    }
}
