using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Writes a <see cref="TraceQuery"/> or a run's id as one Elasticsearch query clause: a <c>bool</c> of <c>filter</c>
/// clauses (no scoring) with a <c>match</c> for the full text, or <c>match_all</c> when nothing narrows it.
/// </summary>
static class QueryFilter
{
    /// <summary>The clause selecting what <paramref name="query"/> asks for.</summary>
    public static void Write(Utf8JsonWriter json, TraceQuery query)
    {
        var clauses = new List<Action<Utf8JsonWriter>>();
        Term(clauses, "workflow_name", query.WorkflowName);
        Term(clauses, "stage_name", query.StageName);
        Term(clauses, "job_name", query.JobName);
        Term(clauses, "run_id", query.RunId);
        Term(clauses, "user_id", query.UserId);
        Term(clauses, "tenant_id", query.TenantId);
        Term(clauses, "environment", query.Environment);
        if (query.Levels.Count > 0)
            clauses.Add(w => Terms(w, "level", query.Levels));
        if (query.AnyTags.Count > 0)
            clauses.Add(w => Terms(w, "tags", query.AnyTags));
        foreach (var tag in query.AllTags)
            clauses.Add(w => TermClause(w, "tags", tag));
        if (query.Since is not null || query.Until is not null)
            clauses.Add(w => Range(w, query.Since is { } since ? Format(since) : null, query.Until is { } until ? Format(until) : null));
        if (query.Last is { } last)
            clauses.Add(w => Range(w, "now-" + ((long)Math.Ceiling(last.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", null));
        if (!string.IsNullOrEmpty(query.Text))
            clauses.Add(w => Text(w, query.Text));
        WriteBool(json, clauses);
    }

    /// <summary>The clause selecting every entry of one run.</summary>
    public static void WriteRun(Utf8JsonWriter json, string runId) => WriteBool(json, [w => TermClause(w, "run_id", runId)]);

    /// <summary>The clause selecting every entry of the children of one run.</summary>
    public static void WriteChildren(Utf8JsonWriter json, string parentRunId) => WriteBool(json, [w => TermClause(w, "parent_run_id", parentRunId)]);

    static void WriteBool(Utf8JsonWriter json, IReadOnlyList<Action<Utf8JsonWriter>> clauses)
    {
        if (clauses.Count == 0)
        {
            json.WriteStartObject();
            json.WriteStartObject("match_all");
            json.WriteEndObject();
            json.WriteEndObject();
            return;
        }

        json.WriteStartObject();
        json.WriteStartObject("bool");
        json.WriteStartArray("filter");
        foreach (var clause in clauses)
            clause(json);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Term(List<Action<Utf8JsonWriter>> clauses, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            clauses.Add(w => TermClause(w, field, value));
    }

    /// <summary><c>{"term":{"field":"value"}}</c>.</summary>
    public static void TermClause(Utf8JsonWriter json, string field, string value)
    {
        json.WriteStartObject();
        json.WriteStartObject("term");
        json.WriteString(field, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Terms(Utf8JsonWriter json, string field, IEnumerable<string> values)
    {
        json.WriteStartObject();
        json.WriteStartObject("terms");
        json.WriteStartArray(field);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>{"range":{"datetime":{"gte":from,"lt":to}}}</c> with the bounds given.</summary>
    public static void Range(Utf8JsonWriter json, string? from, string? to)
    {
        json.WriteStartObject();
        json.WriteStartObject("range");
        json.WriteStartObject("datetime");
        if (from is not null)
            json.WriteString("gte", from);
        if (to is not null)
            json.WriteString("lt", to);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Text(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteStartObject("multi_match");
        json.WriteString("query", text);
        json.WriteStartArray("fields");
        json.WriteStringValue("message");
        json.WriteStringValue("exception_message");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A time as Elasticsearch's <c>date</c> fields read it: ISO-8601 in UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
