using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Compares the mapping in force of each index (a <c>GET {index}/_mapping</c> answer) with the field contract: every
/// contract field mapped with another type, or not mapped at all, is a difference. An object with properties has no
/// <c>type</c> in a mapping: it counts as <c>object</c>. Sub-fields (<c>message.keyword</c>) and fields outside the
/// contract are not judged.
/// </summary>
static class MappingCheck
{
    /// <summary>One report per index of the answer, by index name.</summary>
    public static IReadOnlyList<MappingReport> Compare(JsonElement answer)
    {
        var reports = new List<MappingReport>();
        foreach (var index in answer.EnumerateObject())
        {
            var properties = Properties(index.Value.GetProperty("mappings"));
            var differences = new List<MappingDifference>();
            foreach (var field in TraceContract.Fields)
            {
                var actual = properties is { } known && known.TryGetProperty(field.Name, out var mapped) ? TypeOf(mapped) : null;
                if (actual != field.MappingType)
                    differences.Add(new MappingDifference(field.Name, field.MappingType, actual));
            }

            reports.Add(new MappingReport(index.Name, differences));
        }

        reports.Sort((a, b) => string.CompareOrdinal(a.Index, b.Index));
        return reports;
    }

    // The root properties; Elasticsearch 6 nested them under the single mapping type (_doc).
    static JsonElement? Properties(JsonElement mappings)
    {
        if (mappings.ValueKind != JsonValueKind.Object)
            return null;
        if (mappings.TryGetProperty("properties", out var properties))
            return properties;
        var types = mappings.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("properties", out _)).ToList();
        return types.Count == 1 ? types[0].Value.GetProperty("properties") : null;
    }

    static string TypeOf(JsonElement field) =>
        field.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "object";
}
