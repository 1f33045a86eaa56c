using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>
/// Aggregations computed and answered as Elasticsearch answers them (terms, composite, filter(s), min/max,
/// cardinality, value_count, date_histogram), and refused where Elasticsearch refuses them.
/// </summary>
public class FakeElasticsearchAggregationTests
{
    const string Mapping = """
        {"mappings":{"dynamic":false,"properties":{
          "run_id":{"type":"keyword"},"workflow_name":{"type":"keyword"},"level":{"type":"keyword"},
          "message":{"type":"text"},"exception_message":{"type":"text"},"datetime":{"type":"date"},
          "duration_ms":{"type":"float"},"tags":{"type":"keyword"},"error_flag":{"type":"boolean"}}}}
        """;

    FakeElasticsearch _server = null!;
    ServerCalls _calls = null!;

    [SetUp]
    public async Task Seed()
    {
        _server = await FakeElasticsearch.StartAsync();
        _calls = new ServerCalls(_server);
        Assert.That((await _calls.PutAsync("/traces", Mapping)).Status, Is.EqualTo(HttpStatusCode.OK));
        await _calls.CreateAsync("traces",
            Doc("r1", "etl", "info", "2024-01-01T10:00:00.000Z", "loading rows"),
            Doc("r1", "etl", "error", "2024-01-01T10:05:00.000Z", "load failed", "\"duration_ms\":12.5"),
            Doc("r2", "etl", "info", "2024-01-01T12:30:00.000Z", "loading more"),
            Doc("r3", "billing", "info", "2024-01-01T13:00:00.000Z", "invoice sent", "\"tags\":[\"a\",\"b\"]"),
            Doc("r3", "billing", "info", "2024-01-01T13:10:00.000Z", "invoice paid", "\"tags\":[\"b\"],\"error_flag\":true"),
            Doc("r4", "audit", "warning", "2024-01-01T15:59:59.999Z", "slow disk"));
    }

    [TearDown]
    public async Task Stop()
    {
        _calls.Dispose();
        await _server.DisposeAsync();
    }

    static string Doc(string run, string workflow, string level, string time, string message, string extra = "") =>
        $$"""{"run_id":"{{run}}","workflow_name":"{{workflow}}","level":"{{level}}","datetime":"{{time}}","message":"{{message}}"{{(extra.Length > 0 ? "," + extra : "")}}}""";

    async Task<JsonNode> Aggregate(string aggs, string query = """{"match_all":{}}""")
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", $$"""{"size":0,"query":{{query}},"aggs":{{aggs}}}""");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Text);
        Assert.That(answer.Json!["hits"]!["hits"]!.AsArray(), Is.Empty, "size 0 returns no hits");
        return answer.Json!["aggregations"]!;
    }

    [Test]
    public async Task TermsCountsDocumentsPerValueMostFrequentFirstWithSubAggregations()
    {
        var result = await Aggregate("""{"w":{"terms":{"field":"workflow_name"},"aggs":{"errors":{"filter":{"term":{"level":"error"}}},"runs":{"cardinality":{"field":"run_id"}}}}}""");

        Assert.That(result["w"]!.ToJsonString(), Is.EqualTo(
            """{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[""" +
            """{"key":"etl","doc_count":3,"errors":{"doc_count":1},"runs":{"value":2}},""" +
            """{"key":"billing","doc_count":2,"errors":{"doc_count":0},"runs":{"value":1}},""" +
            """{"key":"audit","doc_count":1,"errors":{"doc_count":0},"runs":{"value":1}}]}"""));
    }

    [Test]
    public async Task TermsHonoursSizeOrderByKeyAndMinDocCount()
    {
        var result = await Aggregate("""
            {"bykey":{"terms":{"field":"workflow_name","size":2,"order":{"_key":"asc"}}},
             "frequent":{"terms":{"field":"workflow_name","min_doc_count":2}},
             "tags":{"terms":{"field":"tags"}}}
            """);

        Assert.That(result["bykey"]!["buckets"]!.AsArray().Select(b => (string)b!["key"]!), Is.EqualTo(new[] { "audit", "billing" }));
        Assert.That((int)result["bykey"]!["sum_other_doc_count"]!, Is.EqualTo(3));
        Assert.That(result["frequent"]!["buckets"]!.AsArray().Select(b => (string)b!["key"]!), Is.EqualTo(new[] { "etl", "billing" }));
        Assert.That(result["tags"]!["buckets"]!.ToJsonString(), Is.EqualTo("""[{"key":"b","doc_count":2},{"key":"a","doc_count":1}]"""));
    }

    [Test]
    public async Task TermsOnABooleanShowsNumericKeysWithKeyAsString()
    {
        var result = await Aggregate("""{"f":{"terms":{"field":"error_flag"}}}""");

        Assert.That(result["f"]!["buckets"]!.ToJsonString(), Is.EqualTo("""[{"key":1,"key_as_string":"true","doc_count":1}]"""));
    }

    [Test]
    public async Task CompositePagesEveryBucketInKeyOrderUntilAPageIsEmpty()
    {
        var keys = new List<string>();
        JsonNode? after = null;
        var pages = 0;
        while (true)
        {
            var afterPart = after is null ? "" : ",\"after\":" + after.ToJsonString();
            var result = (await Aggregate("""{"runs":{"composite":{"size":3,"sources":[{"run":{"terms":{"field":"run_id","order":"desc"}}}]""" + afterPart +
                """},"aggs":{"first":{"min":{"field":"datetime"}}}}}"""))["runs"]!;
            var buckets = result["buckets"]!.AsArray();
            if (buckets.Count == 0)
            {
                Assert.That(result["after_key"], Is.Null, "an empty page has no after_key");
                break;
            }

            pages++;
            keys.AddRange(buckets.Select(b => (string)b!["key"]!["run"]!));
            Assert.That(result["after_key"]!.ToJsonString(), Is.EqualTo(buckets[^1]!["key"]!.ToJsonString()));
            after = result["after_key"];
        }

        Assert.That(keys, Is.EqualTo(new[] { "r4", "r3", "r2", "r1" }));
        Assert.That(pages, Is.EqualTo(2));
    }

    [Test]
    public async Task CompositeCombinesATermsAndADateHistogramSource()
    {
        var result = await Aggregate("""{"c":{"composite":{"size":10,"sources":[{"hour":{"date_histogram":{"field":"datetime","fixed_interval":"1h"}}},{"w":{"terms":{"field":"workflow_name"}}}]}}}""");

        Assert.That(result["c"]!["buckets"]!.AsArray().Select(b => b!.ToJsonString()), Is.EqualTo(new[]
        {
            """{"key":{"hour":1704103200000,"w":"etl"},"doc_count":2}""",
            """{"key":{"hour":1704110400000,"w":"etl"},"doc_count":1}""",
            """{"key":{"hour":1704114000000,"w":"billing"},"doc_count":2}""",
            """{"key":{"hour":1704121200000,"w":"audit"},"doc_count":1}""",
        }));
    }

    [Test]
    public async Task MinAndMaxOfADateAreDoublesWithValueAsString()
    {
        var result = await Aggregate("""{"first":{"min":{"field":"datetime"}},"last":{"max":{"field":"datetime"}},"none":{"max":{"field":"duration_ms"}}}""",
            """{"term":{"workflow_name":"etl"}}""");

        Assert.That(result["first"]!.ToJsonString(), Is.EqualTo("""{"value":1.7041032E12,"value_as_string":"2024-01-01T10:00:00.000Z"}"""));
        Assert.That(result["last"]!.ToJsonString(), Is.EqualTo("""{"value":1.7041122E12,"value_as_string":"2024-01-01T12:30:00.000Z"}"""));
        Assert.That(result["none"]!.ToJsonString(), Is.EqualTo("""{"value":12.5}"""));
    }

    [Test]
    public async Task MaxOverNoDocumentIsNull()
    {
        var result = await Aggregate("""{"last":{"max":{"field":"datetime"}}}""", """{"term":{"workflow_name":"nothing"}}""");

        Assert.That(result["last"]!.ToJsonString(), Is.EqualTo("""{"value":null}"""));
    }

    [Test]
    public async Task CardinalityAndValueCountCountValues()
    {
        var result = await Aggregate("""{"runs":{"cardinality":{"field":"run_id"}},"tagged":{"value_count":{"field":"tags"}}}""");

        Assert.That((long)result["runs"]!["value"]!, Is.EqualTo(4));
        Assert.That((long)result["tagged"]!["value"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task FiltersAnswersOneBucketPerNamedQuery()
    {
        var result = await Aggregate("""{"f":{"filters":{"filters":{"errors":{"term":{"level":"error"}},"infos":{"term":{"level":"info"}}}}}}""");

        Assert.That(result["f"]!.ToJsonString(), Is.EqualTo("""{"buckets":{"errors":{"doc_count":1},"infos":{"doc_count":4}}}"""));
    }

    [Test]
    public async Task DateHistogramFillsEmptyBucketsBetweenTheFirstAndTheLast()
    {
        var result = await Aggregate("""{"h":{"date_histogram":{"field":"datetime","fixed_interval":"2h"}}}""");

        Assert.That(result["h"]!["buckets"]!.AsArray().Select(b => $"{b!["key_as_string"]} {b["key"]} {b["doc_count"]}"), Is.EqualTo(new[]
        {
            "2024-01-01T10:00:00.000Z 1704103200000 2",
            "2024-01-01T12:00:00.000Z 1704110400000 3",
            "2024-01-01T14:00:00.000Z 1704117600000 1",
        }));
        var sparse = await Aggregate("""{"h":{"date_histogram":{"field":"datetime","fixed_interval":"1h","min_doc_count":1}}}""");
        var dense = await Aggregate("""{"h":{"date_histogram":{"field":"datetime","fixed_interval":"1h"}}}""");
        Assert.That(sparse["h"]!["buckets"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(dense["h"]!["buckets"]!.AsArray().Select(b => (int)b!["doc_count"]!), Is.EqualTo(new[] { 2, 0, 1, 2, 0, 1 }));
    }

    [Test]
    public async Task AggregationsSeeTheQueryButNotThePostFilter()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search",
            """{"size":10,"query":{"term":{"workflow_name":"etl"}},"post_filter":{"term":{"level":"error"}},"aggs":{"n":{"value_count":{"field":"run_id"}}}}""");

        Assert.That(answer.Json!["hits"]!["hits"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((long)answer.Json!["aggregations"]!["n"]!["value"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task ATermsAggregationOnATextFieldIsRefusedForWantOfFieldData()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"m":{"terms":{"field":"message"}}}}""");

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.Text);
        Assert.That((string?)answer.Json!["error"]!["root_cause"]![0]!["type"], Is.EqualTo("illegal_argument_exception"));
        Assert.That((string?)answer.Json!["error"]!["root_cause"]![0]!["reason"], Does.StartWith("Fielddata is disabled on [message] in [traces]. Text fields are not optimised"));
    }

    [Test]
    public async Task AnUnknownAggregationTypeIsAParsingError()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"x":{"term":{"field":"level"}}}}""");

        answer.AssertError(400, "parsing_exception", "Unknown aggregation type [term]");
    }

    [Test]
    public async Task ACompositeOfSizeZeroIsRefused()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"c":{"composite":{"size":0,"sources":[{"r":{"terms":{"field":"run_id"}}}]}}}}""");

        answer.AssertError(400, "illegal_argument_exception", "[size] must be greater than 0. Found [0] in [c]");
    }

    [Test]
    public async Task ACompositeBelowATermsAggregationIsRefused()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"t":{"terms":{"field":"level"},"aggs":{"c":{"composite":{"sources":[{"r":{"terms":{"field":"run_id"}}}]}}}}}}""");

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Text, Does.Contain("[composite] aggregation cannot be used with a parent aggregation of type: [TermsAggregatorFactory]"));
    }

    [Test]
    public async Task ADateHistogramWithoutAnIntervalIsRefused()
    {
        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"h":{"date_histogram":{"field":"datetime"}}}}""");

        answer.AssertError(400, "illegal_argument_exception", "Invalid interval specified, must be non-null and non-empty");
    }

    [Test]
    public async Task MultiMatchFindsTheTextInAnyOfItsFields()
    {
        await _calls.CreateAsync("traces", """{"run_id":"r5","datetime":"2024-01-01T16:00:00.000Z","message":"boom","exception_message":"Disk full"}""");

        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"query":{"multi_match":{"query":"disk","fields":["message","exception_message"]}}}""");

        Assert.That(answer.Json!["hits"]!["hits"]!.AsArray().Select(h => (string)h!["_source"]!["run_id"]!), Is.EquivalentTo(new[] { "r4", "r5" }));
    }

    [Test]
    public async Task RangeBoundsTakeDateMath()
    {
        var recent = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await _calls.CreateAsync("traces", $$"""{"run_id":"now","datetime":"{{recent}}","message":"recent"}""");

        var lastHour = await _calls.SendAsync("POST", "/traces/_count", """{"query":{"range":{"datetime":{"gte":"now-3600s"}}}}""");
        var day = await _calls.SendAsync("POST", "/traces/_count", """{"query":{"range":{"datetime":{"gte":"2024-01-01T12:00:00||/d","lte":"2024-01-01||/d"}}}}""");
        var bad = await _calls.SendAsync("POST", "/traces/_count", """{"query":{"range":{"datetime":{"gte":"now-x"}}}}""");

        Assert.That((int)lastHour.Json!["count"]!, Is.EqualTo(1));
        Assert.That((int)day.Json!["count"]!, Is.EqualTo(6));
        Assert.That((int)bad.Status, Is.EqualTo(400), bad.Text);
    }

    [Test]
    public async Task MoreBucketsThanMaxBucketsAreRefused()
    {
        await _calls.CreateAsync("traces", Doc("late", "etl", "info", "2024-03-01T00:00:00.000Z", "much later"));

        var answer = await _calls.SendAsync("POST", "/traces/_search", """{"size":0,"aggs":{"h":{"date_histogram":{"field":"datetime","fixed_interval":"1m"}}}}""");

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.Text);
        Assert.That((string?)answer.Json!["error"]!["root_cause"]![0]!["type"], Is.EqualTo("too_many_buckets_exception"));
        Assert.That((int)answer.Json!["error"]!["root_cause"]![0]!["max_buckets"]!, Is.EqualTo(65_536));
    }
}
