using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.TestServer.Tests.Support;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

public class FakeElasticsearchTests : FakeServerHttpTest
{
    private const string Ndjson = "application/x-ndjson";

    [Test]
    public async Task TheRootEndpointAnswersWithTheNodeInfoAndTheProductHeader()
    {
        using var response = await Client.GetAsync("/");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(Server.Url.ToString(), Does.Match(@"^http://127\.0\.0\.1:\d+/$"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("X-Elastic-Product"), Is.EqualTo(new[] { "Elasticsearch" }));
        Assert.That(body["version"]!["number"]!.GetValue<string>(), Is.EqualTo("9.1.0"));
        Assert.That(body["version"]!["build_flavor"]!.GetValue<string>(), Is.EqualTo("default"));

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task APingWithHeadAnswers200WithNoBody()
    {
        using var ping = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ping.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(ping.Headers.GetValues("X-Elastic-Product"), Is.EqualTo(new[] { "Elasticsearch" }));
        Assert.That(Server.Requests.Single().Method, Is.EqualTo("HEAD"));
    }

    [Test]
    public async Task TheSpecificationsMultipleOperationsExampleGetsTheSpecificationsAnswer()
    {
        var (status, body) = await PostBulk(Fixture.Text("spec/_global.bulk/BulkRequestExample1.ndjson"));
        var expected = JsonNode.Parse(Fixture.Text("spec/_global.bulk/BulkResponseExample1.json"))!;

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["errors"]!.GetValue<bool>(), Is.False);
        Assert.That(Summary(body), Is.EqualTo(Summary(expected)));
        Assert.That(ItemAt(body, 0)["_shards"]!.ToJsonString(), Is.EqualTo("""{"total":2,"successful":1,"failed":0}"""));
        Assert.That(Server.Documents.Select(d => (d.Index, d.Id, d.SourceJson)), Is.EqualTo(new[]
        {
            ("test", "1", """{"field1":"value1","field2":"value2"}"""),
            ("test", "3", """{"field1":"value3"}"""),
        }));
    }

    [Test]
    public async Task TheSpecificationsFailedActionsExampleGetsTheSpecificationsItemErrors()
    {
        var (_, body) = await PostBulk(Fixture.Text("spec/_global.bulk/BulkRequestExample3.ndjson"));
        var expected = JsonNode.Parse(Fixture.Text("spec/_global.bulk/BulkResponseExample2.json"))!;

        Assert.That(body["errors"]!.GetValue<bool>(), Is.True);
        Assert.That(Summary(body), Is.EqualTo(Summary(expected)));
        Assert.That(ItemAt(body, 0)["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_missing_exception"));
        Assert.That(ItemAt(body, 0)["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("[5]: document missing"));
        Assert.That(ItemAt(body, 0)["error"]!["shard"]!.GetValue<string>(), Is.EqualTo("0"));
    }

    [Test]
    public async Task AnUpdateMergesItsPartialDocumentAndUpsertsCreateMissingOnes()
    {
        await PostBulk("""{"index":{"_index":"index1","_id":"1"}}""" + "\n" + """{"field":"old","keep":1}""" + "\n");

        var (_, body) = await PostBulk(Fixture.Text("spec/_global.bulk/BulkRequestExample2.ndjson"));

        Assert.That(Summary(body), Is.EqualTo(new[]
        {
            "update 200 updated", "update 201 created", "update 201 created", "update 404 ", "update 404 ",
        }));
        var merged = Server.Documents.Single(d => d.Id == "1");
        Assert.That(merged.SourceJson, Is.EqualTo("""{"field":"value","keep":1}"""));
        Assert.That(Server.Documents.Single(d => d.Id == "0").SourceJson, Is.EqualTo("""{"counter":1}"""));
    }

    [Test]
    public async Task ABodyWithoutTheTrailingNewlineIsRejected()
    {
        var (status, body) = await PostBulk("""{"index":{"_index":"logs"}}""" + "\n" + """{"a":1}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(body, 400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        Assert.That(Server.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task AnEmptyBodyIsRejected()
    {
        var (status, body) = await PostBulk(string.Empty);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(body, 400, "parse_exception", "request body is required");
    }

    [Test]
    public async Task AnActionLineThatIsNotJsonFailsTheWholeRequest()
    {
        var (status, body) = await PostBulk(
            """{"index":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n" + """{"index":{"_index":"logs"}""" + "\n" + """{"a":2}""" + "\n");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["error"]!["type"]!.GetValue<string>(), Is.EqualTo("x_content_parse_exception"));
        Assert.That(body["error"]!["root_cause"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("x_content_parse_exception"));
        Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(Server.DocumentCount, Is.Zero, "nothing of a rejected request is stored");
    }

    [Test]
    public async Task ADocumentLineThatIsNotJsonFailsOnlyItsItem()
    {
        var (status, body) = await PostBulk(
            """{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":}""" + "\n" +
            """{"create":{"_index":"logs","_id":"2"}}""" + "\n" + """{"a":2}""" + "\n");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Summary(body), Is.EqualTo(new[] { "create 400 ", "create 201 created" }));
        Assert.That(ItemAt(body, 0)["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
        Assert.That(Server.Documents.Select(d => d.Id), Is.EqualTo(new[] { "2" }));
    }

    [Test]
    public async Task AnActionWithoutItsDocumentLineAddsNoRequest()
    {
        var (status, body) = await PostBulk("""{"index":{"_index":"logs"}}""" + "\n");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(body, 400, "action_request_validation_exception", "Validation Failed: 1: no requests added;");
    }

    [Test]
    public async Task AnUnknownActionIsRejectedWithItsLineNumber()
    {
        var (status, body) = await PostBulk(
            """{"index":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n" + """{"upsert":{"_index":"logs"}}""" + "\n" + """{"a":2}""" + "\n");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(body, 400, "illegal_argument_exception",
            "Malformed action/metadata line [3], expected one of [create, delete, index, update] but found [upsert]");
    }

    [Test]
    public async Task AnActionWithoutAnIndexFailsValidationUnlessThePathNamesOne()
    {
        var bulk = """{"index":{}}""" + "\n" + """{"a":1}""" + "\n";

        var (status, body) = await PostBulk(bulk);
        var (pathStatus, pathBody) = await PostBulk(bulk, "/from-path/_bulk");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(body, 400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
        Assert.That(pathStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ItemAt(pathBody, 0)["_index"]!.GetValue<string>(), Is.EqualTo("from-path"));
    }

    [TestCase("text/plain")]
    [TestCase("application/vnd.elasticsearch+json;compatible-with=8")]
    [TestCase("application/json; charset=latin1")]
    public async Task AnUnsupportedContentTypeGets406(string contentType)
    {
        var (status, body) = await PostBulk("""{"index":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", contentType: contentType);

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotAcceptable));
        Assert.That(body.ToJsonString(), Is.EqualTo(new JsonObject
        {
            ["error"] = $"Content-Type header [{contentType}] is not supported",
            ["status"] = 406,
        }.ToJsonString()));
    }

    [TestCase("application/x-ndjson")]
    [TestCase("application/json")]
    [TestCase("application/x-ndjson; charset=UTF-8")]
    public async Task TheBulkContentTypesAreAccepted(string contentType)
    {
        var (status, _) = await PostBulk("""{"index":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", contentType: contentType);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ACreateOfAnIdThatExistsConflictsWith409()
    {
        var create = """{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n";
        await PostBulk(create);

        var (status, body) = await PostBulk(create);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["errors"]!.GetValue<bool>(), Is.True);
        var item = ItemAt(body, 0);
        Assert.That(item["status"]!.GetValue<int>(), Is.EqualTo(409));
        Assert.That(item["error"]!["type"]!.GetValue<string>(), Is.EqualTo("version_conflict_engine_exception"));
        Assert.That(item["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("[1]: version conflict, document already exists (current version [1])"));
        Assert.That(item["error"]!["index"]!.GetValue<string>(), Is.EqualTo("logs"));
        Assert.That(item["error"]!["index_uuid"]!.GetValue<string>(), Has.Length.EqualTo(22));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AnIndexActionOverwritesAndCountsTheVersion()
    {
        var index = """{"index":{"_index":"logs","_id":"1"}}""" + "\n";
        await PostBulk(index + """{"a":1}""" + "\n");

        var (_, body) = await PostBulk(index + """{"a":2}""" + "\n");

        var item = ItemAt(body, 0);
        Assert.That((item["status"]!.GetValue<int>(), item["result"]!.GetValue<string>(), item["_version"]!.GetValue<int>()),
            Is.EqualTo((200, "updated", 2)));
        Assert.That(Server.Documents.Single().Source.GetProperty("a").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task ADocumentWithoutAnIdGetsAGeneratedOne()
    {
        var (_, body) = await PostBulk("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n");

        var id = ItemAt(body, 0)["_id"]!.GetValue<string>();
        Assert.That(id, Does.Match("^[A-Za-z0-9_-]{20}$"));
        Assert.That(Server.Documents.Single().Id, Is.EqualTo(id));
    }

    [TestCase("Logs", "Invalid index name [Logs], must be lowercase")]
    [TestCase("_logs", "Invalid index name [_logs], must not start with '_', '-', or '+'")]
    [TestCase("lo gs", "Invalid index name [lo gs], must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]")]
    [TestCase("lo#gs", "Invalid index name [lo#gs], must not contain '#'")]
    [TestCase("..", "Invalid index name [..], must not be '.' or '..'")]
    public async Task AnInvalidIndexNameFailsItsItem(string index, string reason)
    {
        var (_, body) = await PostBulk(
            new JsonObject { ["create"] = new JsonObject { ["_index"] = index } }.ToJsonString() + "\n" + """{"a":1}""" + "\n" +
            """{"create":{"_index":"fine"}}""" + "\n" + """{"a":1}""" + "\n");

        var item = ItemAt(body, 0);
        Assert.That(item["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(item["error"]!["type"]!.GetValue<string>(), Is.EqualTo("invalid_index_name_exception"));
        Assert.That(item["error"]!["reason"]!.GetValue<string>(), Is.EqualTo(reason));
        Assert.That(ItemAt(body, 1)["status"]!.GetValue<int>(), Is.EqualTo(201));
    }

    [Test]
    public async Task FilterPathTrimsTheAnswerLikeElasticsearch()
    {
        var create = """{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n";

        var (_, body) = await PostBulk(create + create, "/_bulk?filter_path=errors,items.*.status,items.*.error.type");
        var (_, onlyErrors) = await PostBulk(create, "/_bulk?filter_path=items.*.error");
        var (_, excluded) = await PostBulk(create, "/_bulk?filter_path=-took,-items");

        Assert.That(body.ToJsonString(), Is.EqualTo(
            """{"errors":true,"items":[{"create":{"status":201}},{"create":{"status":409,"error":{"type":"version_conflict_engine_exception"}}}]}"""));
        Assert.That(onlyErrors["items"]![0]!["create"]!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("version_conflict_engine_exception"));
        Assert.That(excluded.ToJsonString(), Is.EqualTo("""{"errors":true}"""));

        var (_, nothingLeft) = await PostBulk("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", "/_bulk?filter_path=items.*.error");
        Assert.That(nothingLeft.ToJsonString(), Is.EqualTo("{}"), "empty parents are dropped, down to an empty object");
    }

    [Test]
    public async Task AStatusFaultAnswersOnceWithTheBodyElasticsearchWouldSend()
    {
        Server.Faults.FailWithStatus(429);
        var bulk = """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n";

        var (first, body) = await PostBulk(bulk);
        var (second, _) = await PostBulk(bulk);

        Assert.That(first, Is.EqualTo((HttpStatusCode)429));
        Assert.That(body["error"]!["type"]!.GetValue<string>(), Is.EqualTo("es_rejected_execution_exception"));
        Assert.That(body["error"]!["root_cause"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("es_rejected_execution_exception"));
        Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(429));
        Assert.That(second, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
        Assert.That(Server.Requests, Has.Count.EqualTo(2), "a faulted request is recorded too");
    }

    [Test]
    public async Task AStatusFaultWithABodySendsItVerbatimAndOnlyOnMatchingPaths()
    {
        const string Html = "<html><body>Bad gateway</body></html>";
        Server.Faults.FailWithStatus(502, Html, "text/html", times: 2);

        using var root = await Client.GetAsync("/");
        using var first = await Post("/_bulk", """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", Ndjson);
        using var second = await Post("/logs/_bulk", """{"create":{}}""" + "\n" + """{"a":1}""" + "\n", Ndjson);

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the root path does not contain _bulk");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo(Html));
        Assert.That(first.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(first.Headers.Contains("X-Elastic-Product"), Is.False, "a proxy's page is not Elasticsearch's");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(Server.Faults.Count, Is.Zero);
    }

    [Test]
    public async Task A413FaultHasAnEmptyBody()
    {
        Server.Faults.FailWithStatus(413);

        using var response = await Post("/_bulk", """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", Ndjson);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task ADroppedConnectionFailsTheClientWithoutAnAnswer()
    {
        Server.Faults.DropConnection();
        var bulk = """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n";

        Assert.That(async () => await PostBulk(bulk), Throws.InstanceOf<HttpRequestException>());
        var (status, _) = await PostBulk(bulk);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
        Assert.That(Server.DocumentCount, Is.EqualTo(1), "the dropped request stored nothing");
    }

    [Test]
    public async Task ADelayedRequestIsAnsweredNormallyAfterTheDelay()
    {
        Server.Faults.Delay(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var (status, _) = await PostBulk("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n");

        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ADelayEndsWhenTheClientGivesUpAndStoresNothing()
    {
        Server.Faults.Delay(TimeSpan.FromMinutes(5));
        using var impatient = new HttpClient { BaseAddress = Server.Url, Timeout = TimeSpan.FromMilliseconds(200) };

        Assert.That(async () => await impatient.PostAsync("/_bulk", Content("""{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n", Ndjson)),
            Throws.InstanceOf<TaskCanceledException>());
        await Task.Delay(200);

        Assert.That(Server.DocumentCount, Is.Zero);
        var stopwatch = Stopwatch.StartNew();
        await Server.DisposeAsync();
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "disposing does not wait for the abandoned delay");
    }

    [Test]
    public async Task FailItemsFailsTheChosenItemsOfTheNextBulkRequestOnly()
    {
        var contexts = new List<BulkItemContext>();
        Server.Faults.FailItems(context =>
        {
            contexts.Add(context);
            return context.Position == 1 ? ItemError.TooManyRequests() : null;
        });
        var bulk = """{"create":{"_index":"logs","_id":"a"}}""" + "\n" + """{"n":1}""" + "\n" +
                   """{"create":{"_index":"logs"}}""" + "\n" + """{"n":2}""" + "\n";

        var (_, first) = await PostBulk(bulk);
        var (_, second) = await PostBulk(bulk.Replace("\"a\"", "\"b\"", StringComparison.Ordinal));

        Assert.That(Summary(first), Is.EqualTo(new[] { "create 201 created", "create 429 " }));
        Assert.That(ItemAt(first, 1)["error"]!["type"]!.GetValue<string>(), Is.EqualTo("es_rejected_execution_exception"));
        Assert.That(Summary(second), Is.EqualTo(new[] { "create 201 created", "create 201 created" }));
        Assert.That(contexts.Select(c => (c.Position, c.Action, c.Index, c.Id)), Is.EqualTo(new (int, string, string, string?)[]
        {
            (0, "create", "logs", "a"), (1, "create", "logs", null),
        }));
        Assert.That(contexts[1].Document.GetProperty("n").GetInt32(), Is.EqualTo(2));
        Assert.That(Server.DocumentCount, Is.EqualTo(3));
    }

    [Test]
    public async Task AnItemRuleAppliesToEveryBulkRequestUntilCleared()
    {
        Server.ItemRule = context => context.Document.TryGetProperty("poison", out _) ? ItemError.MappingError("metadata.count") : null;
        var bulk = """{"create":{"_index":"logs","_id":"p1"}}""" + "\n" + """{"poison":true}""" + "\n" +
                   """{"create":{"_index":"logs"}}""" + "\n" + """{"fine":true}""" + "\n";

        var (_, body) = await PostBulk(bulk);
        Server.ItemRule = null;
        var (_, after) = await PostBulk(bulk);

        Assert.That(Summary(body), Is.EqualTo(new[] { "create 400 ", "create 201 created" }));
        Assert.That(ItemAt(body, 0)["error"]!["reason"]!.GetValue<string>(),
            Does.Contain("failed to parse field [metadata.count] of type [long] in document with id 'p1'"));
        Assert.That(ItemAt(body, 0)["error"]!["caused_by"]!["type"]!.GetValue<string>(), Is.EqualTo("illegal_argument_exception"));
        Assert.That(Summary(after), Is.EqualTo(new[] { "create 201 created", "create 201 created" }));
    }

    [Test]
    public async Task AnItemRuleIsAskedAboutDeletesWithoutADocument()
    {
        await PostBulk("""{"create":{"_index":"logs","_id":"1"}}""" + "\n" + """{"a":1}""" + "\n");
        Server.ItemRule = context => context.Action == "delete" ? ItemError.ShardUnavailable() : null;

        var (_, body) = await PostBulk("""{"delete":{"_index":"logs","_id":"1"}}""" + "\n");

        Assert.That(Summary(body), Is.EqualTo(new[] { "delete 503 " }));
        Assert.That(ItemAt(body, 0)["error"]!["reason"]!.GetValue<string>(), Does.StartWith("[logs][0] primary shard is not active"));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AValueThatConflictsWithTheMappingFailsItsDocument()
    {
        var (_, body) = await PostBulk(
            Create("""{"metadata":{"count":5,"label":"x"}}""") +
            Create("""{"metadata":{"count":"many"}}""") +
            Create("""{"metadata":{"count":{"nested":1}}}""") +
            Create("""{"metadata":"flat"}""") +
            Create("""{"metadata":{"count":1.5,"label":7}}""") +
            Create("""{"metadata":{"label":{"deep":true}}}"""));

        Assert.That(Summary(body), Is.EqualTo(new[]
        {
            "create 201 created", "create 400 ", "create 400 ", "create 400 ", "create 201 created", "create 400 ",
        }));
        Assert.That(ItemAt(body, 1)["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
        Assert.That(ItemAt(body, 1)["error"]!["reason"]!.GetValue<string>(), Does.Contain("failed to parse field [metadata.count] of type [long]"));
        Assert.That(ItemAt(body, 1)["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("For input string: \"many\""));
        Assert.That(ItemAt(body, 3)["error"]!["reason"]!.GetValue<string>(),
            Does.EndWith("object mapping for [metadata] tried to parse field [metadata] as object, but found a concrete value"));

        using var mapping = await Client.GetAsync("/logs/_mapping");
        Assert.That(await mapping.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"logs":{"mappings":{"properties":{"metadata":{"properties":{"count":{"type":"long"},"label":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}}}}}}}"""));
    }

    [Test]
    public async Task DynamicMappingInfersLongFloatBooleanDateTextAndObjects()
    {
        await PostBulk(Create("""{"@timestamp":"2025-01-02T03:04:05.678Z","n":1,"x":1.5,"ok":true,"s":"2016","o":{"a.b":"c"}}"""));

        using var mapping = await Client.GetAsync("/logs/_mapping");
        var properties = JsonNode.Parse(await mapping.Content.ReadAsStringAsync())!["logs"]!["mappings"]!["properties"]!;

        Assert.That(properties["@timestamp"]!["type"]!.GetValue<string>(), Is.EqualTo("date"));
        Assert.That(properties["n"]!["type"]!.GetValue<string>(), Is.EqualTo("long"));
        Assert.That(properties["x"]!["type"]!.GetValue<string>(), Is.EqualTo("float"));
        Assert.That(properties["ok"]!["type"]!.GetValue<string>(), Is.EqualTo("boolean"));
        Assert.That(properties["s"]!["type"]!.GetValue<string>(), Is.EqualTo("text"), "a pure number is never detected as a date");
        Assert.That(properties["o"]!["properties"]!["a"]!["properties"]!["b"]!["type"]!.GetValue<string>(), Is.EqualTo("text"));
    }

    [Test]
    public async Task ADuplicateKeyFailsTheDocument()
    {
        var (_, body) = await PostBulk(Create("""{"a":1,"b":{"c":1,"c":2}}"""));

        var error = ItemAt(body, 0)["error"]!;
        Assert.That(ItemAt(body, 0)["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
        Assert.That(error["reason"]!.GetValue<string>(), Does.Contain("Duplicate field 'c'"));
        Assert.That(Server.DocumentCount, Is.Zero);
    }

    [TestCase("", "field name cannot be an empty string")]
    [TestCase("  ", "Field name cannot contain only whitespace: [  ]")]
    [TestCase(".a", "makes object resolution ambiguous: [.a]")]
    [TestCase("a.", "makes object resolution ambiguous: [a.]")]
    [TestCase("a..b", "makes object resolution ambiguous: [a..b]")]
    [TestCase("_id", "Field [_id] is a metadata field and cannot be added inside a document")]
    [TestCase("_source", "Field [_source] is a metadata field and cannot be added inside a document")]
    public async Task AnIllegalFieldNameFailsTheDocument(string name, string reason)
    {
        var (_, body) = await PostBulk(Create(new JsonObject { [name] = 1 }.ToJsonString()));

        Assert.That(ItemAt(body, 0)["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(ItemAt(body, 0)["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
        Assert.That(ItemAt(body, 0)["error"]!["reason"]!.GetValue<string>(), Does.Contain(reason));
    }

    [Test]
    public async Task DottedNamesAndMetadataNamesBelowTheRootAreLegal()
    {
        var (_, body) = await PostBulk(Create("""{"a.b":1,"nested":{"_id":"x"}}"""));

        Assert.That(ItemAt(body, 0)["status"]!.GetValue<int>(), Is.EqualTo(201));
    }

    [Test]
    public async Task ObjectsNestedBeyondTheMappingDepthLimitFailTheDocument()
    {
        static string Nested(int objects) =>
            string.Concat(Enumerable.Repeat("{\"o\":", objects)) + "{\"v\":1}" + new string('}', objects);

        // The root counts as depth 1, so 19 nested objects are the most Elasticsearch allows.
        var (_, body) = await PostBulk(Create(Nested(19)) + Create(Nested(20)));

        Assert.That(Summary(body), Is.EqualTo(new[] { "create 201 created", "create 400 " }));
        Assert.That(ItemAt(body, 1)["error"]!["reason"]!.GetValue<string>(), Does.Contain("Limit of mapping depth [20] has been exceeded"));
    }

    [Test]
    public async Task CredentialsAreRequiredWhenConfigured()
    {
        await using var secured = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            Username = "elastic",
            Password = "s3cret",
            ApiKey = "a2V5OnZhbHVl",
        });
        using var client = new HttpClient { BaseAddress = secured.Url };
        var bulk = """{"create":{"_index":"logs"}}""" + "\n" + """{"a":1}""" + "\n";

        using var missing = await client.PostAsync("/_bulk", Content(bulk, Ndjson));
        using var wrong = await client.SendAsync(WithAuth(HttpMethod.Post, "/_bulk", bulk, "Basic", Base64("elastic:wrong")));
        using var basic = await client.SendAsync(WithAuth(HttpMethod.Post, "/_bulk", bulk, "Basic", Base64("elastic:s3cret")));
        using var apiKey = await client.SendAsync(WithAuth(HttpMethod.Post, "/_bulk", bulk, "ApiKey", "a2V5OnZhbHVl"));

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(missing.Headers.WwwAuthenticate.Select(h => h.ToString()), Does.Contain("Basic realm=\"security\" charset=\"UTF-8\""));
        var missingBody = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        AssertError(missingBody, 401, "security_exception", "missing authentication credentials for REST request [/_bulk]");
        Assert.That(missingBody["error"]!["header"]!["WWW-Authenticate"]![0]!.GetValue<string>(), Is.EqualTo("Basic realm=\"security\" charset=\"UTF-8\""));

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var wrongText = await wrong.Content.ReadAsStringAsync();
        AssertError(JsonNode.Parse(wrongText)!, 401, "security_exception", "unable to authenticate user [elastic] for REST request [/_bulk]");
        Assert.That(wrongText, Does.Not.Contain("wrong"), "the password is never echoed");

        Assert.That(basic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(apiKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secured.DocumentCount, Is.EqualTo(2));
    }

    [Test]
    public async Task AGzippedBodyIsDecodedAndRecordedDecoded()
    {
        var bulk = """{"create":{"_index":"logs"}}""" + "\n" + """{"message":"compressed"}""" + "\n";
        var compressed = Gzip(bulk);
        var content = new ByteArrayContent(compressed);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Ndjson);
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await Client.PostAsync("/_bulk", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var recorded = Server.Requests.Single();
        Assert.That(recorded.BodyText, Is.EqualTo(bulk));
        Assert.That(recorded.WireBodyLength, Is.EqualTo(compressed.Length));
        Assert.That(recorded.Header("content-encoding"), Is.EqualTo("gzip"));
        Assert.That(Server.Documents.Single().Source.GetProperty("message").GetString(), Is.EqualTo("compressed"));
    }

    [Test]
    public async Task ABodyOverTheSizeLimitGets413WithAnEmptyBody()
    {
        await using var small = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { MaxContentLengthBytes = 1024 });
        using var client = new HttpClient { BaseAddress = small.Url };
        var document = Create(new JsonObject { ["message"] = new string('x', 2000) }.ToJsonString());

        using var response = await client.PostAsync("/_bulk", Content(document, Ndjson));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(small.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task SearchReadsDocumentsBack()
    {
        await PostBulk(
            Create("""{"run":{"id":"r1"},"step":1,"message":"Started the Run"}""") +
            Create("""{"run":{"id":"r2"},"step":2,"message":"other"}""") +
            Create("""{"run":{"id":"r1"},"step":3,"message":"finished run"}"""));

        var byRun = await Search("logs*", """{"query":{"bool":{"filter":[{"term":{"run.id.keyword":"r1"}}]}},"sort":[{"step":{"order":"desc"}}],"size":5}""");
        var matched = await Search("logs", """{"query":{"match":{"message":"run"}}}""");
        var all = await Search("logs", "{}");

        Assert.That(byRun["hits"]!["total"]!["value"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(byRun["hits"]!["hits"]!.AsArray().Select(h => h!["_source"]!["step"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 1 }));
        Assert.That(byRun["hits"]!["hits"]![0]!["_score"], Is.Null);
        Assert.That(matched["hits"]!["total"]!["value"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(all["hits"]!["total"]!.ToJsonString(), Is.EqualTo("""{"value":3,"relation":"eq"}"""));

        using var missing = await Post("/nothing-here/_search", "{}", "application/json");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        AssertError(JsonNode.Parse(await missing.Content.ReadAsStringAsync())!, 404, "index_not_found_exception", "no such index [nothing-here]");
    }

    [Test]
    public async Task UnknownParametersPathsAndMethodsAreRefusedLikeElasticsearch()
    {
        var bulk = Create("""{"a":1}""");

        var (unknownParameter, parameterBody) = await PostBulk(bulk, "/_bulk?refresh=true&foo=bar");
        var (_, refreshed) = await PostBulk(bulk, "/_bulk?refresh=true");
        using var wrongMethod = await Client.GetAsync("/_bulk");
        using var noHandler = await Client.GetAsync("/logs/_nope/x/y");

        Assert.That(unknownParameter, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertError(parameterBody, 400, "illegal_argument_exception", "request [/_bulk] contains unrecognized parameter: [foo]");
        Assert.That(ItemAt(refreshed, 0)["forced_refresh"]!.GetValue<bool>(), Is.True);
        Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(await wrongMethod.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":"Incorrect HTTP method for uri [/_bulk] and method [GET], allowed: [POST, PUT]","status":405}"""));
        Assert.That(noHandler.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noHandler.Content.ReadAsStringAsync(), Does.Contain("no handler found for uri [/logs/_nope/x/y] and method [GET]"));
    }

    [Test]
    public async Task ABuiltInDataStreamAcceptsOnlyCreatesWithATimestamp()
    {
        var (_, body) = await PostBulk(
            """{"index":{"_index":"logs-app-default"}}""" + "\n" + """{"@timestamp":"2025-01-01T00:00:00Z"}""" + "\n" +
            """{"create":{"_index":"logs-app-default"}}""" + "\n" + """{"message":"no time"}""" + "\n" +
            """{"create":{"_index":"logs-app-default"}}""" + "\n" + """{"@timestamp":"2025-01-01T00:00:00Z"}""" + "\n");

        Assert.That(Summary(body), Is.EqualTo(new[] { "index 400 ", "create 400 ", "create 201 created" }));
        Assert.That(ItemAt(body, 0)["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("only write ops with an op_type of create are allowed in data streams"));
        Assert.That(ItemAt(body, 1)["error"]!["reason"]!.GetValue<string>(), Does.Contain("data stream timestamp field [@timestamp] is missing"));
        Assert.That(ItemAt(body, 2)["_index"]!.GetValue<string>(), Does.StartWith(".ds-logs-app-default-"));
        Assert.That(Server.Documents.Single().Index, Is.EqualTo("logs-app-default"));
    }

    [Test]
    public async Task WaitingForDocumentsCompletesWhenTheyArriveAndTimesOutWithACount()
    {
        var waiting = Server.WaitForDocumentsAsync(2, TimeSpan.FromSeconds(10));
        await PostBulk(Create("""{"a":1}""") + Create("""{"a":2}"""));
        await waiting;

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => Server.WaitForDocumentsAsync(5, TimeSpan.FromMilliseconds(100)));
        Assert.That(timeout!.Message, Does.Contain("but 2 arrived"));
    }

    [Test]
    public async Task ConcurrentBulkRequestsAreAllRecordedAndStored()
    {
        var posts = Enumerable.Range(0, 20).Select(i =>
            PostBulk(string.Concat(Enumerable.Range(0, 10).Select(j => Create($$"""{"i":{{i}},"j":{{j}}}""")))));

        var results = await Task.WhenAll(posts);

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(Server.Requests, Has.Count.EqualTo(20));
        Assert.That(Server.DocumentCount, Is.EqualTo(200));
        Assert.That(Server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(200));
    }

    [Test]
    public async Task ResetForgetsRequestsDocumentsMappingsAndFaults()
    {
        await PostBulk(Create("""{"a":1}"""));
        Server.Faults.FailWithStatus(503);

        Server.Reset();
        var (status, body) = await PostBulk(Create("""{"a":"now a string"}"""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ItemAt(body, 0)["status"]!.GetValue<int>(), Is.EqualTo(201), "the old long mapping is gone");
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    private static string Create(string document) => """{"create":{"_index":"logs"}}""" + "\n" + document + "\n";

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostBulk(string body, string path = "/_bulk", string contentType = Ndjson)
    {
        using var response = await Post(path, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private async Task<JsonNode> Search(string index, string query)
    {
        using var response = await Post($"/{index}/_search", query, "application/json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<HttpResponseMessage> Post(string path, string body, string contentType) => Client.PostAsync(path, Content(body, contentType));

    private static ByteArrayContent Content(string body, string contentType)
    {
        // Set verbatim: StringContent would add its own charset and refuse unusual media types.
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static HttpRequestMessage WithAuth(HttpMethod method, string path, string body, string scheme, string value) =>
        new(method, path) { Content = Content(body, Ndjson), Headers = { Authorization = new AuthenticationHeaderValue(scheme, value) } };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static JsonNode ItemAt(JsonNode body, int position) => body["items"]![position]!.AsObject().Single().Value!;

    // "action status result" per item, to compare answers by position.
    private static string[] Summary(JsonNode body) =>
        body["items"]!.AsArray()
            .Select(i => i!.AsObject().Single())
            .Select(p => $"{p.Key} {p.Value!["status"]} {p.Value!["result"]}")
            .ToArray();

    private static void AssertError(JsonNode body, int status, string type, string reason)
    {
        Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(status), body.ToJsonString());
        Assert.That(body["error"]!["type"]!.GetValue<string>(), Is.EqualTo(type), body.ToJsonString());
        Assert.That(body["error"]!["reason"]!.GetValue<string>(), Is.EqualTo(reason), body.ToJsonString());
        Assert.That(body["error"]!["root_cause"]![0]!["type"]!.GetValue<string>(), Is.EqualTo(type), body.ToJsonString());
    }
}
