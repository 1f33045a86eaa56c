using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>An index template of <c>_index_template</c> as stored: what its request said, settings normalised.</summary>
internal sealed class ComposableTemplate
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Patterns { get; init; }

    public long? Priority { get; init; }

    public long? Version { get; init; }

    public JsonObject? Meta { get; init; }

    /// <summary>The <c>data_stream</c> object as sent; non-null makes matching names data streams.</summary>
    public JsonObject? DataStream { get; init; }

    public IReadOnlyList<string>? ComposedOf { get; init; }

    public bool? AllowAutoCreate { get; init; }

    public IReadOnlyList<string>? IgnoreMissingComponentTemplates { get; init; }

    /// <summary>Whether the request had a <c>template</c> object (shown back even when empty).</summary>
    public bool HasTemplate { get; init; }

    public IndexSettings? Settings { get; init; }

    public JsonObject? Mappings { get; init; }

    public JsonObject? Aliases { get; init; }

    /// <summary>The data stream lifecycle (<c>template.lifecycle</c>), e.g. <c>{"data_retention":"30d"}</c>.</summary>
    public JsonObject? Lifecycle { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset ModifiedAt { get; init; } = DateTimeOffset.UtcNow;

    public long PriorityOrZero => Priority ?? 0;

    public bool IsDataStream => DataStream is not null;

    public bool Matches(string index) => Patterns.Any(p => Wildcard.Matches(p, index));

    /// <summary>The <c>index_template</c> object of <c>GET _index_template</c>, in Elasticsearch's field order.</summary>
    public JsonObject ToJson(ServerProfile profile, bool flatSettings)
    {
        var json = new JsonObject { ["index_patterns"] = Strings(Patterns) };
        if (HasTemplate)
        {
            var template = new JsonObject();
            if (Settings is not null)
            {
                template["settings"] = Settings.ToJson(flatSettings);
            }

            if (Mappings is not null)
            {
                template["mappings"] = Mappings.DeepClone();
            }

            if (Aliases is not null)
            {
                template["aliases"] = AliasDefinitions.ToJson(Aliases);
            }

            if (Lifecycle is not null)
            {
                var lifecycle = new JsonObject { ["enabled"] = Lifecycle["enabled"]?.DeepClone() ?? true };
                foreach (var (key, value) in Lifecycle.Where(p => p.Key != "enabled"))
                {
                    lifecycle[key] = value?.DeepClone();
                }

                template["lifecycle"] = lifecycle;
            }

            json["template"] = template;
        }

        if (ComposedOf is not null)
        {
            json["composed_of"] = Strings(ComposedOf);
        }

        if (Priority is { } priority)
        {
            json["priority"] = priority;
        }

        if (Version is { } version)
        {
            json["version"] = version;
        }

        if (Meta is not null)
        {
            json["_meta"] = Meta.DeepClone();
        }

        if (DataStream is not null)
        {
            json["data_stream"] = DataStreamJson(profile);
        }

        if (AllowAutoCreate is { } allow)
        {
            json["allow_auto_create"] = allow;
        }

        if (IgnoreMissingComponentTemplates is not null)
        {
            json["ignore_missing_component_templates"] = Strings(IgnoreMissingComponentTemplates);
        }

        if (profile.StampsTemplates)
        {
            json["created_date_millis"] = CreatedAt.ToUnixTimeMilliseconds();
            json["modified_date_millis"] = ModifiedAt.ToUnixTimeMilliseconds();
        }

        return json;
    }

    // Each product shows the data stream part with its own defaults filled in.
    private JsonObject DataStreamJson(ServerProfile profile)
    {
        if (profile.IsOpenSearch)
        {
            return new JsonObject
            {
                ["timestamp_field"] = DataStream!["timestamp_field"]?.DeepClone() ?? new JsonObject { ["name"] = "@timestamp" },
            };
        }

        var json = new JsonObject { ["hidden"] = DataStream!["hidden"]?.DeepClone() ?? false };
        if (profile.AtLeast(8, 0) || profile.IsServerless)
        {
            json["allow_custom_routing"] = DataStream["allow_custom_routing"]?.DeepClone() ?? false;
        }

        return json;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
