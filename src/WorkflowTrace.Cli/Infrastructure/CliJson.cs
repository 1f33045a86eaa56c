using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>How <c>--json</c> output is written: camelCase, enums as text, nulls left out, one line per document.</summary>
static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
