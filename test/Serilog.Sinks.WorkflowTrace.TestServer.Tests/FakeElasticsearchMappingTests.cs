using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>
/// A template's settings and mappings applied when an index is created, and the mapped types enforced on documents
/// as Elasticsearch enforces them.
/// </summary>
public class FakeElasticsearchMappingTests
{
    // Shaped like the sink's own template: strict types for known fields, dynamic only below metadata.
    const string TraceTemplate = """
        {
          "index_patterns": ["traces-*"],
          "priority": 200,
          "template": {
            "settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s", "lifecycle": {"name": "traces-policy"}}},
            "mappings": {
              "dynamic": false,
              "properties": {
                "run_id": {"type": "keyword"},
                "message": {"type": "text"},
                "datetime": {"type": "date"},
                "process": {"type": "integer"},
                "thread": {"type": "long"},
                "duration_ms": {"type": "float"},
                "ratio": {"type": "double"},
                "ok": {"type": "boolean"},
                "ip_address": {"type": "ip"},
                "metadata": {"type": "object", "dynamic": true},
                "@timestamp": {"type": "alias", "path": "datetime"}
              }
            }
          }
        }
        """;

    FakeElasticsearch _server = null!;
    ServerCalls _calls = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await FakeElasticsearch.StartAsync();
        _calls = new ServerCalls(_server);
        var put = await _calls.PutAsync("/_index_template/traces", TraceTemplate);
        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK), put.Text);
    }

    [TearDown]
    public async Task StopServer()
    {
        _calls.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task TheFirstDocumentCreatesTheIndexWithTheTemplatesSettingsAndMappings()
    {
        var items = await _calls.CreateAsync("traces-2025.01.01", """{"run_id":"r1","datetime":"2025-01-01T00:00:00Z"}""");

        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(201));
        var settings = (await _calls.GetAsync("/traces-2025.01.01/_settings")).Json!["traces-2025.01.01"]!["settings"]!["index"]!;
        Assert.That(settings["number_of_shards"]!.GetValue<string>(), Is.EqualTo("1"), "settings are strings, as Elasticsearch shows them");
        Assert.That(settings["number_of_replicas"]!.GetValue<string>(), Is.EqualTo("0"));
        Assert.That(settings["refresh_interval"]!.GetValue<string>(), Is.EqualTo("1s"));
        Assert.That(settings["lifecycle"]!["name"]!.GetValue<string>(), Is.EqualTo("traces-policy"));
        Assert.That(settings["provided_name"]!.GetValue<string>(), Is.EqualTo("traces-2025.01.01"));
        Assert.That(settings["uuid"]!.GetValue<string>(), Has.Length.EqualTo(22));
        Assert.That(long.Parse(settings["creation_date"]!.GetValue<string>()), Is.GreaterThan(0));
        Assert.That(settings["routing"]!["allocation"]!["include"]!["_tier_preference"]!.GetValue<string>(), Is.EqualTo("data_content"));

        var flat = (await _calls.GetAsync("/traces-2025.01.01/_settings?flat_settings=true")).Json!["traces-2025.01.01"]!["settings"]!;
        Assert.That(flat["index.number_of_shards"]!.GetValue<string>(), Is.EqualTo("1"));

        var mappings = (await _calls.GetAsync("/traces-2025.01.01/_mapping")).Json!["traces-2025.01.01"]!["mappings"]!;
        Assert.That(mappings["dynamic"]!.GetValue<string>(), Is.EqualTo("false"), "Elasticsearch shows dynamic as a string");
        Assert.That(mappings["properties"]!["@timestamp"]!.ToJsonString(), Is.EqualTo("""{"type":"alias","path":"datetime"}"""));
        Assert.That(mappings["properties"]!["process"]!.ToJsonString(), Is.EqualTo("""{"type":"integer"}"""));
        Assert.That(mappings["properties"]!["metadata"]!.ToJsonString(), Is.EqualTo("""{"type":"object","dynamic":"true"}"""));
    }

    [TestCase("process", "12", true)]
    [TestCase("process", "12.7", true)]
    [TestCase("process", "\"12\"", true)]
    [TestCase("process", "\"abc\"", false)]
    [TestCase("process", "3000000000", false)]
    [TestCase("process", "true", false)]
    [TestCase("thread", "9007199254740993", true)]
    [TestCase("thread", "\"1.5x\"", false)]
    [TestCase("thread", "1e30", false)]
    [TestCase("duration_ms", "1.5", true)]
    [TestCase("duration_ms", "\"2.5\"", true)]
    [TestCase("duration_ms", "\"fast\"", false)]
    [TestCase("ratio", "\"NaN\"", false)]
    [TestCase("ok", "\"true\"", true)]
    [TestCase("ok", "\"yes\"", false)]
    [TestCase("ip_address", "\"10.0.0.1\"", true)]
    [TestCase("ip_address", "\"::1\"", true)]
    [TestCase("ip_address", "\"::ffff:1.2.3.4\"", true)]
    [TestCase("ip_address", "\"999.1.1.1\"", false)]
    [TestCase("ip_address", "\"1.2.3\"", false)]
    [TestCase("ip_address", "\"010.0.0.1\"", false)]
    [TestCase("ip_address", "\"fe80::1%eth0\"", false)]
    [TestCase("ip_address", "\"[::1]\"", false)]
    [TestCase("ip_address", "\"localhost\"", false)]
    [TestCase("ip_address", "167772161", false)]
    [TestCase("datetime", "\"2024-01-01T12:00:00\"", true)]
    [TestCase("datetime", "\"2024-01-01T12:00:00.123456Z\"", true)]
    [TestCase("datetime", "\"2024-01-01T12:00:00+02:00\"", true)]
    [TestCase("datetime", "\"2024-01-01\"", true)]
    [TestCase("datetime", "1704110400000", true)]
    [TestCase("datetime", "\"1704110400000\"", true)]
    [TestCase("datetime", "\"2024/01/01 12:00:00\"", false)]
    [TestCase("datetime", "\"2024-01-01 12:00:00\"", false)]
    [TestCase("datetime", "\"2024-02-30\"", false)]
    [TestCase("datetime", "\"yesterday\"", false)]
    [TestCase("datetime", "true", false)]
    [TestCase("run_id", "17", true)]
    [TestCase("message", "false", true)]
    public async Task AMappedTypeAcceptsOnlyWhatElasticsearchAccepts(string field, string json, bool accepted)
    {
        var items = await _calls.CreateAsync("traces-a", $$"""{"{{field}}":{{json}}}""");

        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(accepted ? 201 : 400), items[0].ToJsonString());
        if (!accepted)
        {
            Assert.That(items[0]["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
            Assert.That(items[0]["error"]!["reason"]!.GetValue<string>(), Does.Contain($"failed to parse field [{field}] of type ["));
        }
    }

    [Test]
    public async Task RefusalsNameTheCauseLikeElasticsearch()
    {
        var items = await _calls.CreateAsync("traces-a",
            """{"ip_address":"999.1.1.1"}""", """{"process":3000000000}""", """{"datetime":"2024/01/01"}""");

        Assert.That(items[0]["error"]!["caused_by"]!["type"]!.GetValue<string>(), Is.EqualTo("illegal_argument_exception"));
        Assert.That(items[0]["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("'999.1.1.1' is not an IP string literal."));
        Assert.That(items[1]["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("Value [3000000000] is out of range for an integer"));
        Assert.That(items[2]["error"]!["caused_by"]!["reason"]!.GetValue<string>(),
            Is.EqualTo("failed to parse date field [2024/01/01] with format [strict_date_optional_time||epoch_millis]"));
        Assert.That(items[2]["error"]!["caused_by"]!["caused_by"]!["type"]!.GetValue<string>(), Is.EqualTo("date_time_parse_exception"));
    }

    [Test]
    public async Task WritingToAnAliasFailsTheDocument()
    {
        var items = await _calls.CreateAsync("traces-a", """{"run_id":"r","@timestamp":"2025-01-01T00:00:00Z"}""", """{"@timestamp":null}""");

        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(items[0]["error"]!["type"]!.GetValue<string>(), Is.EqualTo("document_parsing_exception"));
        Assert.That(items[0]["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("[1:28] failed to parse: Cannot write to a field alias [@timestamp]."));
        Assert.That(items[0]["error"]!["caused_by"]!.ToJsonString(), Is.EqualTo(
            """{"type":"illegal_argument_exception","reason":"Cannot write to a field alias [@timestamp]."}"""));
        Assert.That(items[1]["status"]!.GetValue<int>(), Is.EqualTo(400), "even a null goes through the alias");
        Assert.That(_server.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task AnAliasReadsItsTargetInSearches()
    {
        await _calls.CreateAsync("traces-a",
            """{"run_id":"late","datetime":"2025-01-02T00:00:00Z"}""", """{"run_id":"early","datetime":"2025-01-01T00:00:00Z"}""");

        var found = await _calls.SendAsync("POST", "/traces-a/_search",
            """{"query":{"range":{"@timestamp":{"gte":"2025-01-01T12:00:00Z"}}},"sort":[{"@timestamp":"asc"}]}""");
        var sorted = await _calls.SendAsync("POST", "/traces-a/_search", """{"sort":[{"@timestamp":"asc"}]}""");

        Assert.That(found.Json!["hits"]!["hits"]!.AsArray().Select(h => h!["_source"]!["run_id"]!.GetValue<string>()), Is.EqualTo(new[] { "late" }), found.Text);
        Assert.That(sorted.Json!["hits"]!["hits"]!.AsArray().Select(h => h!["_source"]!["run_id"]!.GetValue<string>()), Is.EqualTo(new[] { "early", "late" }));
    }

    [Test]
    public async Task UnknownTopLevelFieldsAreKeptButNotMappedWhileMetadataStaysDynamic()
    {
        var items = await _calls.CreateAsync("traces-a",
            """{"run_id":"r","error_flag":true,"metadata":{"rows":5}}""",
            """{"run_id":"r","error_flag":"not a boolean","extra":{"deep":[1,"x"]}}""");

        Assert.That(items.Select(i => i["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 201 }), "unmapped fields never conflict");
        Assert.That(_server.Documents[0].SourceJson, Is.EqualTo("""{"run_id":"r","error_flag":true,"metadata":{"rows":5}}"""), "kept in _source");
        var properties = (await _calls.GetAsync("/traces-a/_mapping")).Json!["traces-a"]!["mappings"]!["properties"]!;
        Assert.That(properties["error_flag"], Is.Null);
        Assert.That(properties["extra"], Is.Null);
        Assert.That(properties["metadata"]!.ToJsonString(), Is.EqualTo("""{"dynamic":"true","properties":{"rows":{"type":"long"}}}"""),
            "dynamic additions below metadata");

        var conflict = await _calls.CreateAsync("traces-a", """{"metadata":{"rows":"many"}}""");
        Assert.That(conflict[0]["status"]!.GetValue<int>(), Is.EqualTo(400), "metadata.rows is now a long");
    }

    [Test]
    public async Task StrictMappingsRefuseUnknownFields()
    {
        await _calls.PutAsync("/_index_template/strict", """{"index_patterns":["strict-*"],"template":{"mappings":{"dynamic":"strict","properties":{"a":{"type":"keyword"},"o":{"type":"object","dynamic":false}}}}}""");

        var items = await _calls.CreateAsync("strict-1", """{"a":"x","b":1}""", """{"a":"x","o":{"anything":1}}""");

        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(items[0]["error"]!["type"]!.GetValue<string>(), Is.EqualTo("strict_dynamic_mapping_exception"));
        Assert.That(items[0]["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("[1:14] mapping set to strict, dynamic introduction of [b] within [_doc] is not allowed"));
        Assert.That(items[1]["status"]!.GetValue<int>(), Is.EqualTo(201), "an object may relax the root's strictness");
    }

    [Test]
    public async Task CreatingAnIndexMergesTheTemplateWithTheRequest()
    {
        var created = await _calls.PutAsync("/traces-manual",
            """{"settings":{"number_of_replicas":2},"mappings":{"properties":{"extra":{"type":"keyword"},"process":{"type":"long"}}},"aliases":{"traces":{}}}""");

        Assert.That(created.Json!.ToJsonString(), Is.EqualTo("""{"acknowledged":true,"shards_acknowledged":true,"index":"traces-manual"}"""));
        var index = (await _calls.GetAsync("/traces-manual")).Json!["traces-manual"]!;
        Assert.That(index["settings"]!["index"]!["number_of_replicas"]!.GetValue<string>(), Is.EqualTo("2"), "the request wins");
        Assert.That(index["settings"]!["index"]!["refresh_interval"]!.GetValue<string>(), Is.EqualTo("1s"), "the template fills the rest");
        Assert.That(index["mappings"]!["properties"]!["extra"]!["type"]!.GetValue<string>(), Is.EqualTo("keyword"));
        Assert.That(index["mappings"]!["properties"]!["process"]!["type"]!.GetValue<string>(), Is.EqualTo("long"));
        Assert.That(index["mappings"]!["properties"]!["ip_address"]!["type"]!.GetValue<string>(), Is.EqualTo("ip"));
        Assert.That(index["aliases"]!.ToJsonString(), Is.EqualTo("""{"traces":{}}"""));
    }

    [TestCase("""{"mappings":{"properties":{"a":{"type":"keyword","foo":1}}}}""",
        "Failed to parse mapping: unknown parameter [foo] on mapper [a] of type [keyword]")]
    [TestCase("""{"mappings":{"properties":{"a":{"type":"alias","path":"nope"}}}}""",
        "Failed to parse mapping: Invalid [path] value [nope] for field alias [a]: an alias must refer to an existing field in the mappings.")]
    [TestCase("""{"mappings":{"properties":{"d":{"type":"date","format":"yyyy-MM-dd ffoo"}}}}""",
        "Failed to parse mapping: Invalid format: [yyyy-MM-dd ffoo]: Unknown pattern letter: f")]
    [TestCase("""{"mappings":{"foo":true}}""", "Failed to parse mapping: Root mapping definition has unsupported parameters:  [foo : true]")]
    public async Task AMappingElasticsearchRefusesFailsTheCreateIndexRequest(string body, string reason)
    {
        var answer = await _calls.PutAsync("/plain", body);

        answer.AssertError(400, "mapper_parsing_exception", reason);
        Assert.That((await _calls.HeadAsync("/plain")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TheSpecificationsLegacyTemplateBringsACustomDateFormatAndDisabledSource()
    {
        await _calls.PutAsync("/_template/template_1", Fixture.Text("spec/indices.put_template/indicesPutTemplateRequestExample1.json"));

        var items = await _calls.CreateAsync("test",
            """{"host_name":"h","created_at":"Mon Jan 01 12:00:00 +0000 2024"}""",
            """{"created_at":"Tue Jan 01 12:00:00 +0000 2024"}""",
            """{"created_at":"2024-01-01T12:00:00Z"}""");
        var id = items[0]["_id"]!.GetValue<string>();
        var document = await _calls.GetAsync($"/test/_doc/{id}");

        Assert.That(items.Select(i => i["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 400, 400 }),
            "the day must match the date, and the format has no ISO alternative");
        Assert.That(items[2]["error"]!["caused_by"]!["reason"]!.GetValue<string>(),
            Is.EqualTo("failed to parse date field [2024-01-01T12:00:00Z] with format [EEE MMM dd HH:mm:ss Z yyyy]"));
        Assert.That(document.Json!["found"]!.GetValue<bool>(), Is.True);
        Assert.That(document.Json!["_source"], Is.Null, "_source is disabled");
        var mappings = (await _calls.GetAsync("/test/_mapping")).Json!["test"]!["mappings"]!;
        Assert.That(mappings["_source"]!.ToJsonString(), Is.EqualTo("""{"enabled":false}"""));
    }

    [Test]
    public async Task TheSpecificationsLegacyAliasesExampleGivesTheIndexItsAliases()
    {
        await _calls.PutAsync("/_template/template_2", Fixture.Text("spec/indices.put_template/indicesPutTemplateRequestExample2.json"));

        await _calls.CreateAsync("test", """{"user":{"id":"kimchy"}}""");

        var aliases = (await _calls.GetAsync("/test")).Json!["test"]!["aliases"]!;
        Assert.That(aliases.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "alias1", "alias2", "test-alias" }), "{index} is filled in");
        Assert.That(aliases["alias2"]!["index_routing"]!.GetValue<string>(), Is.EqualTo("shard-1"));
    }

    [Test]
    public async Task AKeywordTermOverLucenesLimitIsRefusedWithElasticsearchsImmenseTermError()
    {
        // 16,384 two-byte characters: 32,768 UTF-8 bytes, two over the limit although far fewer characters.
        var immense = new string('\u00e9', 16_384);
        var items = await _calls.CreateAsync("traces-a", $$"""{"run_id":"{{immense}}"}""");

        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(400), items[0].ToJsonString());
        var error = items[0]["error"]!;
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("illegal_argument_exception"));
        Assert.That(error["reason"]!.GetValue<string>(), Does.StartWith(
            "Document contains at least one immense term in field=\"run_id\" (whose UTF8 encoding is longer than the max length 32766), all of which were skipped."));
        Assert.That(error["reason"]!.GetValue<string>(), Does.Contain("The prefix of the first immense term is: '[-61, -87, -61, -87,")
            .And.EndWith("original message: bytes can be at most 32766 in length; got 32768"));
        Assert.That(error["caused_by"]!["type"]!.GetValue<string>(), Is.EqualTo("max_bytes_length_exceeded_exception"));
        Assert.That(error["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("bytes can be at most 32766 in length; got 32768"));
    }

    [Test]
    public async Task TermsUpToLucenesLimitTextFieldsAndDynamicStringsAreIndexed()
    {
        var atTheLimit = new string('x', 32_766);
        var long_ = new string('x', 40_000);
        var items = await _calls.CreateAsync("traces-a",
            $$"""{"run_id":"{{atTheLimit}}"}""",
            $$"""{"message":"{{long_}}"}""",
            $$$"""{"metadata":{"note":"{{{long_}}}"}}""");

        Assert.That(items.Select(i => i["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 201, 201 }),
            "text is analysed into short tokens; a dynamic string's keyword sub-field has ignore_above 256");
    }
}
