using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Writes a <see cref="TraceQuery"/> or a run's id as one Elasticsearch query clause: a <c>bool</c> of <c>filter</c>
/// clauses (no scoring) with a <c>multi_match</c> for the full text, or <c>match_all</c> when nothing narrows it.
/// </summary>
static class QueryFilter
{
    /// <summary>The clause selecting what <paramref name="query"/> asks for.</summary>
    public static void Write(Utf8JsonWriter json, TraceQuery query) => WriteAll(json, Clauses(query));

    /// <summary>The filter clauses of <paramref name="query"/>, one per condition given (none: every entry).</summary>
    public static List<Action<Utf8JsonWriter>> Clauses(TraceQuery query)
    {
        Check(query);
        var clauses = new List<Action<Utf8JsonWriter>>();
        Term(clauses, "workflow_name", query.WorkflowName);
        Term(clauses, "stage_name", query.StageName);
        Term(clauses, "job_name", query.JobName);
        Term(clauses, "run_id", query.RunId);
        Term(clauses, "user_id", query.UserId);
        Term(clauses, "tenant_id", query.TenantId);
        Term(clauses, "environment", query.Environment);
        if (ReferenceEquals(query.Levels, TraceQuery.ErrorLevels))
            clauses.Add(ErrorClause); // Errors(): what TraceEntry.IsError calls an error, error_flag included
        else if (NonEmpty(query.Levels) is { Count: > 0 } levels)
            clauses.Add(w => Terms(w, "level", levels));
        if (NonEmpty(query.AnyTags) is { Count: > 0 } anyTags)
            clauses.Add(w => Terms(w, "tags", anyTags));
        foreach (var tag in NonEmpty(query.AllTags))
            clauses.Add(w => TermClause(w, "tags", tag));
        if (query.Since is not null || query.Until is not null)
            clauses.Add(w => Range(w, query.Since is { } since ? Format(since) : null, query.Until is { } until ? Format(until) : null));
        if (query.Last is { } last)
            clauses.Add(w => Range(w, LastBound(last), null));
        if (!string.IsNullOrWhiteSpace(query.Text))
            clauses.Add(w => Text(w, query.Text));
        return clauses;
    }

    /// <summary>
    /// Refuses a query Elasticsearch would read as "nothing" or refuse: a time range that ends before it starts, a
    /// <see cref="TraceQuery.Last"/> that is not positive.
    /// </summary>
    public static void Check(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Since is { } since && query.Until is { } until && until <= since)
            throw new ArgumentException($"The query's Until ({Format(until)}) must come after its Since ({Format(since)}).", nameof(query));
        if (query.Last is { } last && last <= TimeSpan.Zero)
            throw new ArgumentException($"The query's Last must be a positive span of time; it was {last}.", nameof(query));
    }

    /// <summary>
    /// <c>now-N{unit}</c> for the last <paramref name="span"/>, rounded up to whole seconds: in seconds while the
    /// count fits Elasticsearch's date math (it reads the number as a 32-bit int), else in minutes, hours or days.
    /// </summary>
    public static string LastBound(TimeSpan span)
    {
        var seconds = Math.Ceiling(span.TotalSeconds);
        foreach (var (unit, length) in (ReadOnlySpan<(string, double)>)[("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)])
        {
            var count = Math.Ceiling(seconds / length);
            if (count <= int.MaxValue)
                return "now-" + ((long)count).ToString(CultureInfo.InvariantCulture) + unit;
        }

        throw new ArgumentOutOfRangeException(nameof(span), span, "Too long a span for Elasticsearch's date math.");
    }

    /// <summary>Every clause in one <c>bool</c> filter, or <c>match_all</c> when there is none.</summary>
    public static void WriteAll(Utf8JsonWriter json, IReadOnlyList<Action<Utf8JsonWriter>> clauses) => WriteBool(json, clauses);

    /// <summary>
    /// The clause selecting error entries: a level of <see cref="TraceQuery.ErrorLevels"/>, or <c>error_flag</c>
    /// true (the newer Python producer's flag; an index that does not map it simply never matches it).
    /// </summary>
    public static void ErrorClause(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("bool");
        json.WriteStartArray("should");
        Terms(json, "level", TraceQuery.ErrorLevels);
        json.WriteStartObject();
        json.WriteStartObject("term");
        json.WriteBoolean("error_flag", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNumber("minimum_should_match", 1);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static List<string> NonEmpty(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();

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

        // Our bounds are ISO-8601 whatever format the index maps datetime with (date math needs none).
        if (from?.StartsWith("now", StringComparison.Ordinal) != true && to?.StartsWith("now", StringComparison.Ordinal) != true)
            json.WriteString("format", "strict_date_optional_time");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Text(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteStartObject("multi_match");
        json.WriteString("query", text);

        // Every word must appear (in one of the fields): "connection refused" should not match every "refused".
        json.WriteString("operator", "and");
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
