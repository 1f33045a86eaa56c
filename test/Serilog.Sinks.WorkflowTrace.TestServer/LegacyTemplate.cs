using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A legacy index template of <c>_template</c>: applied, merged by <c>order</c>, only when no composable template matches.</summary>
internal sealed class LegacyTemplate
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Patterns { get; init; }

    public int Order { get; init; }

    public int? Version { get; init; }

    public IndexSettings Settings { get; init; } = IndexSettings.Empty;

    public JsonObject Mappings { get; init; } = [];

    public JsonObject Aliases { get; init; } = [];

    public bool Matches(string index) => Patterns.Any(p => Wildcard.Matches(p, index));

    /// <summary>The template as <c>GET _template</c> shows it, in Elasticsearch's field order.</summary>
    public JsonObject ToJson(bool flatSettings)
    {
        var json = new JsonObject { ["order"] = Order };
        if (Version is { } version)
        {
            json["version"] = version;
        }

        json["index_patterns"] = ComposableTemplate.Strings(Patterns);
        json["settings"] = Settings.ToJson(flatSettings);
        json["mappings"] = Mappings.DeepClone();
        json["aliases"] = AliasDefinitions.ToJson(Aliases);
        return json;
    }
}
