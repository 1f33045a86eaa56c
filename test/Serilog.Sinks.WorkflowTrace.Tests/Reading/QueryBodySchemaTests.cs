using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// The query clauses <see cref="QueryFilter"/> writes, inside search and count bodies shaped as the reader pages
/// (point in time, <c>search_after</c>, a tie-breaking sort), are what Elastic's OpenAPI schemas accept; and the
/// validation refuses what Elasticsearch refuses, so passing it means something.
/// </summary>
public class QueryBodySchemaTests
{
    static readonly DateTimeOffset Since = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static IEnumerable<TestCaseData> Queries()
    {
        yield return new TestCaseData(TraceQuery.All).SetName("every entry");
        yield return new TestCaseData(TraceQuery.All.ForWorkflow("data-pipeline").SinceTime(Since)).SetName("a workflow since a date");
        yield return new TestCaseData(TraceQuery.All.Errors().InLast(TimeSpan.FromDays(1))).SetName("errors of the last day");
        yield return new TestCaseData(TraceQuery.All.ForUser("user-123")).SetName("a user's entries");
        yield return new TestCaseData(TraceQuery.All.WithAnyTag("service:workflow", "team:data")).SetName("entries with any of two tags");
        yield return new TestCaseData(TraceQuery.All.WithAllTags("service:workflow", "team:data")).SetName("entries with both tags");
        yield return new TestCaseData(TraceQuery.All.Containing("timeout while \"reading\"")).SetName("full text");
        yield return new TestCaseData(TraceQuery.All
                .ForWorkflow("etl").ForStage("extract").ForJob("download").ForRun("run-1").ForUser("u").ForTenant("t").InEnvironment("prod")
                .AtLevels("warning", "error").Between(Since, Since.AddDays(7)).InLast(TimeSpan.FromHours(6))
                .WithAnyTag("a", "b").WithAllTags("c", "d").Containing("failed"))
            .SetName("every condition at once");
    }

    static string Body(Action<Utf8JsonWriter> writeQuery, bool page)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("query");
            writeQuery(json);
            if (page)
            {
                json.WriteNumber("size", 1000);
                json.WriteStartObject("pit");
                json.WriteString("id", "46ToAwMDaWR5BXV1aWQyKwZub2RlXzMAAAAAAAAAACoBYwADaWR4BXV1aWQxAgZub2RlXzEAAAAAAAAAAAEBYQADaWR5BXV1aWQyKgZub2RlXzIAAAAAAAAAAAwBYgACBXV1aWQyAAAFdXVpZDEAAQltYXRjaF9hbGw_gAAAAA==");
                json.WriteString("keep_alive", "60s");
                json.WriteEndObject();
                json.WriteStartArray("sort");
                json.WriteRawValue("""{"datetime":{"order":"asc","format":"strict_date_optional_time_nanos"}}""");
                json.WriteRawValue("""{"thread":{"order":"asc","missing":"_first"}}""");
                json.WriteRawValue("""{"_shard_doc":"asc"}""");
                json.WriteEndArray();
                json.WritePropertyName("search_after");
                json.WriteRawValue("""[ "2024-01-01T12:00:00.000Z", 140245, null, 17 ]""");
                json.WriteBoolean("track_total_hits", false);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [TestCaseSource(nameof(Queries))]
    public async Task AQueryIsAValidPageOfASearch(TraceQuery query)
    {
        var body = Body(json => QueryFilter.Write(json, query), page: true);

        Assert.That(await RequestBodyValidator.ErrorsAsync("search", body), Is.Empty, body);
    }

    [TestCaseSource(nameof(Queries))]
    public async Task AQueryIsAValidCount(TraceQuery query)
    {
        var body = Body(json => QueryFilter.Write(json, query), page: false);

        Assert.That(await RequestBodyValidator.ErrorsAsync("count", body), Is.Empty, body);
    }

    [Test]
    public async Task ARunAndTheChildrenOfARunAreValidSearches()
    {
        var run = Body(json => QueryFilter.WriteRun(json, "workflow-123"), page: true);
        var children = Body(json => QueryFilter.WriteChildren(json, "workflow-123"), page: true);

        Assert.That(await RequestBodyValidator.ErrorsAsync("search", run), Is.Empty, run);
        Assert.That(await RequestBodyValidator.ErrorsAsync("search", children), Is.Empty, children);
    }

    [Test]
    public async Task TheRefreshIntervalIsAValidSettingsChange()
    {
        Assert.That(await RequestBodyValidator.ErrorsAsync("indices.put_settings", """{ "index": { "refresh_interval": "5s" } }"""), Is.Empty);
    }

    [Test]
    public async Task ThePythonOriginalsAggregationIsAValidSearch()
    {
        // "Advanced Queries" of the original: entries and errors per workflow.
        const string body = """
            { "size": 0, "aggs": { "workflows": { "terms": { "field": "workflow_name" },
              "aggs": { "error_count": { "filter": { "term": { "level": "error" } } } } } } }
            """;

        Assert.That(await RequestBodyValidator.ErrorsAsync("search", body), Is.Empty);
    }

    [TestCase("indices.put_settings", """{ "index": { "refresh_interval": 5 } }""", "refresh_interval")]
    [TestCase("search", """{ "size": "many" }""", "size")]
    [TestCase("search", """{ "sise": 10 }""", "sise")]
    [TestCase("search", """{ "sort": 5 }""", "sort")]
    [TestCase("search", """{ "pit": { "keep_alive": "1m" } }""", "id")]
    [TestCase("search", """{ "query": { "nonsense": {} } }""", "nonsense")]
    [TestCase("search", """{ "query": { "term": { "level": "error", "run_id": "r" } } }""", "term")]
    [TestCase("search", """{ "query": { "bool": { "filter": [ { "term": { "level": { "valeu": "error" } } } ] } } }""", "value")]
    [TestCase("search", """{ "search_after": { "datetime": 1 } }""", "search_after")]
    [TestCase("count", """{ "size": 0, "query": { "match_all": {} } }""", "size")]
    [TestCase("close_point_in_time", """{ "pit_id": "abc" }""", "id")]
    [TestCase("scroll", """{ "scroll": "1m" }""", "scroll_id")]
    public async Task TheValidationRefusesWhatElasticsearchRefuses(string endpoint, string body, string named)
    {
        var errors = await RequestBodyValidator.ErrorsAsync(endpoint, body);

        Assert.That(errors, Is.Not.Empty, $"{endpoint}: {body} should be refused");
        Assert.That(string.Join("\n", errors), Does.Contain(named), "the error names what is wrong");
    }
}
