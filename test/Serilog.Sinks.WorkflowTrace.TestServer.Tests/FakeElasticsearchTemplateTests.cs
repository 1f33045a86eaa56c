using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Composable (<c>_index_template</c>) and legacy (<c>_template</c>) index templates on the fake Elasticsearch 9.1.</summary>
public class FakeElasticsearchTemplateTests
{
    FakeElasticsearch _server = null!;
    ServerCalls _calls = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await FakeElasticsearch.StartAsync();
        _calls = new ServerCalls(_server);
    }

    [TearDown]
    public async Task StopServer()
    {
        _calls.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task TheSpecificationsPutIndexTemplateExamplesAreAcknowledgedAndReadBackNormalised()
    {
        var first = await _calls.PutAsync("/_index_template/template_1", Fixture.Text("spec/indices.put_index_template/IndicesPutIndexTemplateRequestExample1.json"));
        var second = await _calls.PutAsync("/_index_template/template_2", Fixture.Text("spec/indices.put_index_template/IndicesPutIndexTemplateRequestExample2.json"));
        var read = await _calls.GetAsync("/_index_template/template_2");

        Assert.That(first.Json!.ToJsonString(), Is.EqualTo("""{"acknowledged":true}"""), first.Text);
        Assert.That(second.Json!.ToJsonString(), Is.EqualTo("""{"acknowledged":true}"""), "priorities 1 and none (0) do not conflict");
        var entry = read.Json!["index_templates"]![0]!;
        Assert.That(entry["name"]!.GetValue<string>(), Is.EqualTo("template_2"));
        var template = entry["index_template"]!;
        Assert.That(template["index_patterns"]!.ToJsonString(), Is.EqualTo("""["template*"]"""));
        Assert.That(template["template"]!["settings"]!.ToJsonString(), Is.EqualTo("""{"index":{"number_of_shards":"1"}}"""),
            "settings come back nested under index, as strings");
        Assert.That(template["template"]!["aliases"]!["alias2"]!.ToJsonString(), Is.EqualTo(
            """{"filter":{"term":{"user.id":"kimchy"}},"index_routing":"shard-1","search_routing":"shard-1"}"""),
            "routing is shown split into index and search routing");
        Assert.That(template["template"]!["aliases"]!["{index}-alias"]!.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task AGetAnswersInTheShapeOfTheSpecificationsExample()
    {
        var expected = JsonNode.Parse(Fixture.Text("spec/indices.get_index_template/GetIndexTemplateResponseExample1.json"))!["index_templates"]![0]!;
        var sent = expected["index_template"]!.AsObject().DeepClone().AsObject();

        // Only what a client sends; the rest is the server's. The example's component template is not kept by the fake.
        foreach (var key in new[] { "created_date", "created_date_millis", "modified_date", "modified_date_millis", "composed_of" })
        {
            sent.Remove(key);
        }

        sent["template"]!["settings"] = new JsonObject { ["number_of_shards"] = 1, ["number_of_replicas"] = 1 };
        await _calls.PutAsync("/_index_template/my-index-template", sent.ToJsonString());

        var read = (await _calls.GetAsync("/_index_template/my-index-template")).Json!["index_templates"]![0]!;

        Assert.That(read["name"]!.GetValue<string>(), Is.EqualTo(expected["name"]!.GetValue<string>()));
        var template = read["index_template"]!;
        foreach (var key in new[] { "index_patterns", "template", "priority", "version", "_meta" })
        {
            Assert.That(template[key]!.ToJsonString(), Is.EqualTo(expected["index_template"]![key]!.ToJsonString()), key);
        }

        Assert.That(template["created_date_millis"]!.GetValue<long>(), Is.GreaterThan(0), "9.1 stamps templates");
        Assert.That(template["modified_date_millis"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(template["created_date_millis"]!.GetValue<long>()));
    }

    [Test]
    public async Task HeadGetAndDeleteFollowTheTemplatesExistence()
    {
        await _calls.PutAsync("/_index_template/traces", """{"index_patterns":"traces-*","priority":5}""");

        var present = await _calls.HeadAsync("/_index_template/traces");
        var absent = await _calls.HeadAsync("/_index_template/nothing");
        var missing = await _calls.GetAsync("/_index_template/nothing");
        var emptyPattern = await _calls.GetAsync("/_index_template/nothing*");
        var pattern = await _calls.GetAsync("/_index_template/tra*");
        var deleted = await _calls.DeleteAsync("/_index_template/traces");
        var deletedAgain = await _calls.DeleteAsync("/_index_template/traces");

        Assert.That((present.Status, present.Text), Is.EqualTo((HttpStatusCode.OK, "")));
        Assert.That((absent.Status, absent.Text), Is.EqualTo((HttpStatusCode.NotFound, "")));
        missing.AssertError(404, "resource_not_found_exception", "index template matching [nothing] not found");
        Assert.That((emptyPattern.Status, emptyPattern.Text), Is.EqualTo((HttpStatusCode.NotFound, """{"index_templates":[]}""")));
        Assert.That(pattern.Json!["index_templates"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "traces" }));
        Assert.That(pattern.Json!["index_templates"]![0]!["index_template"]!["index_patterns"]!.ToJsonString(), Is.EqualTo("""["traces-*"]"""),
            "a single pattern string is kept as a list");
        Assert.That(deleted.Json!.ToJsonString(), Is.EqualTo("""{"acknowledged":true}"""));
        deletedAgain.AssertError(404, "index_template_missing_exception", "index_template [traces] missing");
    }

    [Test]
    public async Task TheBuiltInTemplatesAreRealTemplates()
    {
        var all = await _calls.GetAsync("/_index_template");

        var names = all.Json!["index_templates"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
        Assert.That(names, Is.EquivalentTo(new[] { "logs", "metrics", "synthetics" }));
        var logs = all.Json!["index_templates"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "logs")!["index_template"]!;
        Assert.That(logs["index_patterns"]!.ToJsonString(), Is.EqualTo("""["logs-*-*"]"""));
        Assert.That(logs["priority"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(logs["data_stream"]!.ToJsonString(), Is.EqualTo("""{"hidden":false,"allow_custom_routing":false}"""));
    }

    [Test]
    public async Task APatternOverlappingATemplateOfTheSamePriorityIsRefusedWithElasticsearchsWording()
    {
        var clash = await _calls.PutAsync("/_index_template/mine", """{"index_patterns":["logs-*"],"priority":100}""");
        var fine = await _calls.PutAsync("/_index_template/mine", """{"index_patterns":["logs-*"],"priority":200}""");
        var second = await _calls.PutAsync("/_index_template/other", """{"index_patterns":["logs-app*","x-*"],"priority":200}""");

        clash.AssertError(400, "illegal_argument_exception",
            "index template [mine] has index patterns [logs-*] matching patterns from existing templates [logs] with patterns (logs => [logs-*-*]) " +
            "that have the same priority [100], multiple index templates may not match during index creation, please use a different priority");
        Assert.That(fine.Status, Is.EqualTo(HttpStatusCode.OK), fine.Text);
        second.AssertError(400, "illegal_argument_exception",
            "index template [other] has index patterns [logs-app*, x-*] matching patterns from existing templates [mine] with patterns (mine => [logs-*]) " +
            "that have the same priority [200], multiple index templates may not match during index creation, please use a different priority");
    }

    [Test]
    public async Task PatternsThatCannotNameTheSameIndexDoNotConflict()
    {
        await _calls.PutAsync("/_index_template/a", """{"index_patterns":["a-*-x"]}""");

        var disjoint = await _calls.PutAsync("/_index_template/b", """{"index_patterns":["b-*"]}""");
        var overlapping = await _calls.PutAsync("/_index_template/c", """{"index_patterns":["*-y-*"]}""");

        Assert.That(disjoint.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(overlapping.Status, Is.EqualTo(HttpStatusCode.BadRequest), "a-y-x matches both a-*-x and *-y-*");
        Assert.That(overlapping.ErrorReason, Does.Contain("same priority [0]"), "a missing priority counts as 0");
    }

    [Test]
    public async Task AnUnknownTopLevelFieldIsAParseErrorAtItsPosition()
    {
        var compact = await _calls.PutAsync("/_index_template/t", """{"index_patterns":["b-*"],"foo":1}""");
        var pretty = await _calls.PutAsync("/_index_template/t", "{\n  \"index_patterns\": [\"b-*\"],\n  \"malformed\": {}\n}");
        var nested = await _calls.PutAsync("/_index_template/t", """{"index_patterns":["b-*"],"template":{"setting":{}}}""");

        compact.AssertError(400, "x_content_parse_exception", "[1:27] [index_template] unknown field [foo]");
        pretty.AssertError(400, "x_content_parse_exception", "[3:3] [index_template] unknown field [malformed]");
        nested.AssertError(400, "x_content_parse_exception", "[1:27] [index_template] failed to parse field [template]");
        Assert.That(nested.Json!["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("[1:39] [template] unknown field [setting]"));
        Assert.That(nested.Json!["error"]!["root_cause"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("[1:39] [template] unknown field [setting]"));
    }

    [TestCase("""{"priority":1}""", 400, "illegal_argument_exception", "Required [index_patterns]")]
    [TestCase("""{"index_patterns":7}""", 400, "x_content_parse_exception", "[1:2] [index_template] index_patterns doesn't support values of type: VALUE_NUMBER")]
    [TestCase("""{"index_patterns":["a-*"],"priority":-1}""", 400, "action_request_validation_exception", "Validation Failed: 1: index template priority must be >= 0;")]
    [TestCase("""{"index_patterns":["a-*"],"priority":true}""", 400, "x_content_parse_exception", "[1:27] [index_template] priority doesn't support values of type: VALUE_BOOLEAN")]
    [TestCase("""{"index_patterns":["a-*"],"version":"x"}""", 400, "x_content_parse_exception", "[1:27] [index_template] failed to parse field [version]")]
    [TestCase("""{"index_patterns":["a-*"],"_meta":"x"}""", 400, "x_content_parse_exception", "[1:27] [index_template] _meta doesn't support values of type: VALUE_STRING")]
    [TestCase("""{"index_patterns":["a-*"],"template":[]}""", 400, "x_content_parse_exception", "[1:27] [index_template] template doesn't support values of type: START_ARRAY")]
    [TestCase("""{"index_patterns":["a-*"],"composed_of":["base"]}""", 400, "invalid_index_template_exception",
        "index_template [t] invalid, cause [index template [t] specifies component templates [base] that do not exist]")]
    [TestCase("""{"index_patterns":["A b"]}""", 400, "invalid_index_template_exception",
        "index_template [t] invalid, cause [Validation Failed: 1: index_patterns [A b] must not contain a space;2: index_pattern [A b] must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?];]")]
    [TestCase("""{"index_patterns":["a-*"],"template":{"settings":{"number_of_shards":0}}}""", 400, "illegal_argument_exception",
        "Failed to parse value [0] for setting [index.number_of_shards] must be >= 1")]
    [TestCase("""{"index_patterns":["a-*"],"template":{"settings":{"index.foo":1}}}""", 400, "illegal_argument_exception",
        "unknown setting [index.foo] please check that any required plugins are installed, or check the breaking changes documentation for removed settings")]
    [TestCase("""{"index_patterns":["a-*"],"template":{"mappings":{"properties":{"n":{"type":"nope"}}}}}""", 400, "illegal_argument_exception",
        "composable template [t] template after composition is invalid")]
    [TestCase("""{"index_patterns":["a-*"],"data_stream":{"hiden":true}}""", 400, "x_content_parse_exception", "[1:27] [index_template] failed to parse field [data_stream]")]
    public async Task ABodyElasticsearchWouldRefuseIsRefused(string body, int status, string type, string reason)
    {
        var answer = await _calls.PutAsync("/_index_template/t", body);

        answer.AssertError(status, type, reason);
        Assert.That((await _calls.HeadAsync("/_index_template/t")).Status, Is.EqualTo(HttpStatusCode.NotFound), "nothing was stored");
    }

    [Test]
    public async Task AMappingErrorNamesItsCauseTwoLevelsDown()
    {
        var answer = await _calls.PutAsync("/_index_template/t", """{"index_patterns":["a-*"],"template":{"mappings":{"properties":{"n":{"type":"nope"}}}}}""");

        var cause = answer.Json!["error"]!["caused_by"]!;
        Assert.That(cause["reason"]!.GetValue<string>(), Is.EqualTo("invalid composite mappings for [t]"));
        Assert.That(cause["caused_by"]!["type"]!.GetValue<string>(), Is.EqualTo("mapper_parsing_exception"));
        Assert.That(cause["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("Failed to parse mapping: No handler for type [nope] declared on field [n]"));
    }

    [TestCase("Upper", "name must be lower cased")]
    [TestCase("_under", "name must not start with '_'")]
    [TestCase("with#hash", "name must not contain a '#'")]
    public async Task ATemplateNameElasticsearchRefusesIsRefused(string name, string problem)
    {
        var answer = await _calls.PutAsync("/_index_template/" + Uri.EscapeDataString(name), """{"index_patterns":["a-*"]}""");

        answer.AssertError(400, "invalid_index_template_exception", $"index_template [{name}] invalid, cause [Validation Failed: 1: {problem};]");
    }

    [Test]
    public async Task CreateOnlyRefusesToReplaceAnExistingTemplate()
    {
        await _calls.PutAsync("/_index_template/t", """{"index_patterns":["a-*"]}""");

        var again = await _calls.PutAsync("/_index_template/t?create=true", """{"index_patterns":["a-*"]}""");
        var replace = await _calls.SendAsync("POST", "/_index_template/t", """{"index_patterns":["a-*"],"version":2}""");

        again.AssertError(400, "illegal_argument_exception", "index template [t] already exists");
        Assert.That(replace.Status, Is.EqualTo(HttpStatusCode.OK), "POST puts too");
        Assert.That((await _calls.GetAsync("/_index_template/t")).Json!["index_templates"]![0]!["index_template"]!["version"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task TheSpecificationsLegacyTemplateExamplesAreStoredAndShownInTheLegacyShape()
    {
        var first = await _calls.PutAsync("/_template/template_1", Fixture.Text("spec/indices.put_template/indicesPutTemplateRequestExample1.json"));
        var second = await _calls.PutAsync("/_template/template_2?order=3", Fixture.Text("spec/indices.put_template/indicesPutTemplateRequestExample2.json"));
        var read = await _calls.GetAsync("/_template/template_1");
        var both = await _calls.GetAsync("/_template/template_*");
        var missing = await _calls.GetAsync("/_template/nothing");
        var head = await _calls.HeadAsync("/_template/template_2");

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Text);
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.Text);
        Assert.That(first.Warnings.Single(), Does.StartWith("299 Elasticsearch-9.1.0-00000000 \"Legacy index templates are deprecated in favor of composable templates."));
        var template = read.Json!["template_1"]!;
        Assert.That(template.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "order", "index_patterns", "settings", "mappings", "aliases" }));
        Assert.That(template["order"]!.GetValue<int>(), Is.Zero);
        Assert.That(template["index_patterns"]!.ToJsonString(), Is.EqualTo("""["te*","bar*"]"""));
        Assert.That(template["settings"]!.ToJsonString(), Is.EqualTo("""{"index":{"number_of_shards":"1"}}"""));
        Assert.That(template["mappings"]!["properties"]!["created_at"]!["format"]!.GetValue<string>(), Is.EqualTo("EEE MMM dd HH:mm:ss Z yyyy"));
        Assert.That(both.Json!["template_2"]!["order"]!.GetValue<int>(), Is.EqualTo(3), "order from the query parameter");
        Assert.That((missing.Status, missing.Text), Is.EqualTo((HttpStatusCode.NotFound, "{}")));
        Assert.That(head.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("""{"index_patterns":["a-*"],"priority":1}""", "parse_exception", "unknown key [priority] in the template ")]
    [TestCase("""{"settings":{}}""", "action_request_validation_exception", "Validation Failed: 1: index patterns are missing;")]
    [TestCase("""{"index_patterns":["a-*"],"version":1.5}""", "illegal_argument_exception", "Malformed [version] value, should be an integer")]
    [TestCase("""{"index_patterns":["a-*"],"mappings":{"_doc":{"properties":{}}}}""", "mapper_parsing_exception",
        "Failed to parse mapping: Root mapping definition has unsupported parameters:  [_doc : {properties={}}]")]
    public async Task ALegacyBodyElasticsearchWouldRefuseIsRefused(string body, string type, string reason)
    {
        var answer = await _calls.PutAsync("/_template/t", body);

        answer.AssertError(400, type, reason);
    }

    [Test]
    public async Task LegacyTemplatesMergeByOrderAndAComposableTemplateOverridesThem()
    {
        await _calls.PutAsync("/_template/low", """{"index_patterns":["app-*"],"order":1,"settings":{"number_of_replicas":2,"refresh_interval":"5s"},"mappings":{"properties":{"a":{"type":"keyword"},"b":{"type":"keyword"}}}}""");
        await _calls.PutAsync("/_template/high", """{"index_patterns":["app-x*"],"order":2,"settings":{"number_of_replicas":0},"mappings":{"properties":{"b":{"type":"long"}}}}""");

        await _calls.CreateAsync("app-x1", """{"c":1}""");
        var composable = await _calls.PutAsync("/_index_template/app", """{"index_patterns":["app-*"],"template":{"mappings":{"properties":{"z":{"type":"ip"}}}}}""");
        await _calls.CreateAsync("app-x2", """{"c":1}""");

        var legacy = (await _calls.GetAsync("/app-x1")).Json!["app-x1"]!;
        Assert.That(legacy["settings"]!["index"]!["number_of_replicas"]!.GetValue<string>(), Is.EqualTo("0"), "the higher order wins");
        Assert.That(legacy["settings"]!["index"]!["refresh_interval"]!.GetValue<string>(), Is.EqualTo("5s"));
        Assert.That(legacy["mappings"]!["properties"]!["a"]!["type"]!.GetValue<string>(), Is.EqualTo("keyword"));
        Assert.That(legacy["mappings"]!["properties"]!["b"]!["type"]!.GetValue<string>(), Is.EqualTo("long"));
        Assert.That(composable.Warnings.Single(), Does.Contain(
            "index template [app] has index patterns [app-*] matching patterns from existing older templates [high,low] with patterns " +
            "(high => [app-x*],low => [app-*]); this template [app] will take precedence during new index creation"));
        var overridden = (await _calls.GetAsync("/app-x2")).Json!["app-x2"]!["mappings"]!["properties"]!;
        Assert.That(overridden.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "c", "z" }), "legacy templates are ignored once a composable one matches");
    }

    [Test]
    public async Task SimulatingAnIndexShowsWhatItWouldGetInTheSpecificationsShape()
    {
        var expected = JsonNode.Parse(Fixture.Text("spec/indices.simulate_index_template/indicesSimulateIndexTemplateResponseExample1.json"))!;
        await _calls.PutAsync("/_index_template/template_1", """{"index_patterns":["my-index-*"],"priority":0,"template":{"settings":{"number_of_shards":2,"number_of_replicas":0}}}""");
        await _calls.PutAsync("/_index_template/final", """{"index_patterns":["my-index-*"],"priority":10,"template":{"settings":{"number_of_shards":2,"number_of_replicas":0},"mappings":{"properties":{"@timestamp":{"type":"date"}}}}}""");

        var simulated = await _calls.SendAsync("POST", "/_index_template/_simulate_index/my-index-000001");
        var none = await _calls.SendAsync("POST", "/_index_template/_simulate_index/unmatched");

        Assert.That(simulated.Json!.ToJsonString(), Is.EqualTo(expected.ToJsonString()));
        Assert.That(none.Json!.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(await _calls.GetAsync("/my-index-000001"), Has.Property("Status").EqualTo(HttpStatusCode.NotFound), "simulating creates nothing");
    }

    [Test]
    public async Task EveryTemplateRequestIsRecorded()
    {
        await _calls.PutAsync("/_index_template/t", """{"index_patterns":["a-*"]}""");
        await _calls.PutAsync("/_index_template/t", """{"index_patterns":["a-*"],"foo":1}""");
        await _calls.HeadAsync("/_index_template/t");

        var puts = _server.Requests.Where(r => r.Method == "PUT" && r.Path == "/_index_template/t").ToList();
        Assert.That(puts, Has.Count.EqualTo(2), "refused ones too");
        Assert.That(puts[0].BodyText, Is.EqualTo("""{"index_patterns":["a-*"]}"""));
        Assert.That(_server.Requests.Select(r => r.Method), Is.EqualTo(new[] { "PUT", "PUT", "HEAD" }));
    }

    [Test]
    public async Task ResetForgetsUserTemplatesButKeepsTheBuiltInOnes()
    {
        await _calls.PutAsync("/_index_template/t", """{"index_patterns":["a-*"]}""");
        await _calls.PutAsync("/_template/l", """{"index_patterns":["a-*"]}""");

        _server.Reset();

        Assert.That((await _calls.HeadAsync("/_index_template/t")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _calls.HeadAsync("/_template/l")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _calls.HeadAsync("/_index_template/logs")).Status, Is.EqualTo(HttpStatusCode.OK));
    }
}
