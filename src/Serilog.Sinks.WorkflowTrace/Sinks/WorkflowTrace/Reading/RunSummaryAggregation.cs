using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The per-run sub-aggregations that make a <see cref="RunSummary"/> out of a <c>run_id</c> bucket, and the reading
/// of such a bucket: first and last time, errors, whether a stage or job closed (an entry with <c>duration_ms</c>),
/// the most frequent workflow, tenant, environment, user and parent run, and the first entry the filter selects.
/// </summary>
static class RunSummaryAggregation
{
    /// <summary>Writes the sub-aggregations object; <paramref name="selection"/> are the filter's entry conditions (none: the whole run).</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<Action<Utf8JsonWriter>> selection)
    {
        json.WriteStartObject();
        Metric(json, "first", "min", "datetime");
        Metric(json, "last", "max", "datetime");
        json.WriteStartObject("errors");
        json.WritePropertyName("filter");
        QueryFilter.ErrorClause(json);
        json.WriteEndObject();
        json.WriteStartObject("closed");
        json.WriteStartObject("filter");
        json.WriteStartObject("exists");
        json.WriteString("field", "duration_ms");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        foreach (var (name, field) in Attributes)
        {
            json.WriteStartObject(name);
            json.WriteStartObject("terms");
            json.WriteString("field", field);
            json.WriteNumber("size", 1);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (selection.Count > 0)
        {
            json.WriteStartObject("selected");
            json.WritePropertyName("filter");
            QueryFilter.WriteAll(json, selection);
            json.WriteStartObject("aggs");
            Metric(json, "first", "min", "datetime");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    static readonly (string Name, string Field)[] Attributes =
    [
        ("workflow", "workflow_name"), ("tenant", "tenant_id"), ("environment", "environment"), ("user", "user_id"), ("parent", "parent_run_id"),
    ];

    /// <summary>
    /// The summary of one bucket, and the epoch milliseconds of its first selected entry (null when the run has no
    /// selected entry with a time, which only happens for entries without <c>datetime</c>).
    /// </summary>
    public static (RunSummary Summary, long? FirstSelected) Read(JsonElement bucket, bool hasSelection)
    {
        var runId = bucket.GetProperty("key").GetProperty("run").GetString()!;
        var first = AggregationSearch.Value(bucket.GetProperty("first"));
        var last = AggregationSearch.Value(bucket.GetProperty("last"));
        var errors = bucket.GetProperty("errors").GetProperty("doc_count").GetInt64();
        var closed = bucket.GetProperty("closed").GetProperty("doc_count").GetInt64();
        var selectedFirst = hasSelection ? AggregationSearch.Value(bucket.GetProperty("selected").GetProperty("first")) : first;
        var summary = new RunSummary
        {
            RunId = runId,
            ParentRunId = AggregationSearch.TopKey(bucket.GetProperty("parent")),
            WorkflowName = AggregationSearch.TopKey(bucket.GetProperty("workflow")),
            TenantId = AggregationSearch.TopKey(bucket.GetProperty("tenant")),
            Environment = AggregationSearch.TopKey(bucket.GetProperty("environment")),
            UserId = AggregationSearch.TopKey(bucket.GetProperty("user")),
            FirstTime = Time(first),
            LastTime = Time(last),
            Entries = bucket.GetProperty("doc_count").GetInt64(),
            Errors = errors,
            Status = RunSummary.StatusOf(errors, closed > 0),
        };
        return (summary, selectedFirst is { } millis ? (long)millis : null);
    }

    static DateTimeOffset Time(double? millis) => millis is { } value ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : default;

    static void Metric(Utf8JsonWriter json, string name, string type, string field)
    {
        json.WriteStartObject(name);
        json.WriteStartObject(type);
        json.WriteString("field", field);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
