using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serilog.Sinks.WorkflowTrace.Reading;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// An entry as one line of ndjson: <see cref="CliJson"/>'s form (camelCase, nulls left out) with metadata and metric
/// as JSON objects — not also as the strings <see cref="TraceEntry"/> keeps them in.
/// </summary>
static class EntryJson
{
    static readonly HashSet<string> Hidden = [nameof(TraceEntry.MetadataJson), nameof(TraceEntry.MetricJson)];

    static readonly JsonSerializerOptions Options = new(CliJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type != typeof(TraceEntry))
                        return;
                    foreach (var property in info.Properties.Where(p => p.AttributeProvider is System.Reflection.MemberInfo m && Hidden.Contains(m.Name)).ToList())
                        info.Properties.Remove(property);
                },
            },
        },
    };

    /// <summary>The entry as one line of JSON.</summary>
    public static string Line(TraceEntry entry) => JsonSerializer.Serialize(entry, Options);
}
