namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Each repair of <see cref="OpenApiExportRepairs"/> is needed: the schema as exported refuses a form Elasticsearch
/// documents and accepts (or accepts one it refuses), and the repaired schema decides as Elasticsearch does.
/// </summary>
public class OpenApiExportRepairsTests
{
    [TestCase("""{ "query": { "term": { "run_id": "workflow-123" } } }""", TestName = "the term shortcut {field: value}")]
    [TestCase("""{ "query": { "match": { "message": "timeout" } } }""", TestName = "the match shortcut {field: text}")]
    [TestCase("""{ "sort": [ { "datetime": "asc" } ], "search_after": [ 1704067200000, "abc" ] }""", TestName = "numbers and strings in search_after")]
    [TestCase("""{ "size": 0, "aggregations": { "w": { "terms": { "field": "workflow_name" }, "aggs": { "e": { "filter": { "term": { "level": "error" } } } } } } }""",
        TestName = "aggs beside an aggregation kind")]
    public async Task AFormElasticsearchAcceptsIsRefusedAsExportedAndAcceptedRepaired(string body)
    {
        var exported = await ReaderRequestSchemas.LoadAsync("search", repaired: false);
        var repaired = await ReaderRequestSchemas.LoadAsync("search");

        Assert.That(exported.Validate(body), Is.Not.Empty, "the export refuses it");
        Assert.That(repaired.Validate(body).Select(e => e.ToString()), Is.Empty);
    }

    [TestCase("search", """{ "sise": 10 }""", TestName = "an unknown key of the search body")]
    [TestCase("search", """{ "query": { "nonsense": { "field": "x" } } }""", TestName = "an unknown query kind")]
    [TestCase("count", """{ "size": 0 }""", TestName = "size in a count body")]
    public async Task AFormElasticsearchRefusesIsAcceptedAsExportedAndRefusedRepaired(string endpoint, string body)
    {
        var exported = await ReaderRequestSchemas.LoadAsync(endpoint, repaired: false);
        var repaired = await ReaderRequestSchemas.LoadAsync(endpoint);

        Assert.That(exported.Validate(body), Is.Empty, "the export leaves it open");
        Assert.That(repaired.Validate(body), Is.Not.Empty);
    }
}
