using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>
/// The server the fake plays follows its root body: which APIs exist, which headers and error types it sends.
/// </summary>
public class FakeElasticsearchServerKindTests
{
    static readonly (string Name, string Body)[] Roots =
    [
        ("7.7.1", RootResponses.Elasticsearch771),
        ("7.17.22", RootResponses.Elasticsearch71722),
        ("8.15.3", RootResponses.Elasticsearch8153),
        ("9.1.0", RootResponses.Elasticsearch910),
        ("serverless", RootResponses.ElasticsearchServerless940),
        ("opensearch-2", RootResponses.OpenSearch2171),
        ("opensearch-3", RootResponses.OpenSearch300),
    ];

    static async Task<T> With<T>(string root, Func<ServerCalls, Task<T>> use, FakeElasticsearchOptions? options = null)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            RootResponseJson = root,
            Forbidden = options?.Forbidden ?? [],
            BuiltInDataStreamTemplates = options?.BuiltInDataStreamTemplates ?? true,
        });
        using var calls = new ServerCalls(server);
        return await use(calls);
    }

    [Test]
    public void TheReadyMadeRootBodiesHaveTheRealShapes()
    {
        foreach (var (name, body) in Roots)
        {
            var version = JsonNode.Parse(body)!["version"]!;
            var openSearch = name.StartsWith("opensearch", StringComparison.Ordinal);
            Assert.That(version["distribution"]?.GetValue<string>(), Is.EqualTo(openSearch ? "opensearch" : null), name);
            Assert.That(version["build_flavor"]?.GetValue<string>(), Is.EqualTo(openSearch ? null : name == "serverless" ? "serverless" : "default"), name);
            Assert.That(version["number"]!.GetValue<string>(), Does.Match(@"^\d+\.\d+\.\d+$"), name);
            Assert.That(version["lucene_version"], Is.Not.Null, name);
        }

        Assert.That(JsonNode.Parse(RootResponses.Elasticsearch910)!.ToJsonString(),
            Is.EqualTo(JsonNode.Parse(Fixture.Text("spec/_global.info/RootNodeInfoResponseExample1.json"))!.ToJsonString()));
        Assert.That(JsonNode.Parse(RootResponses.ElasticsearchServerless940)!.ToJsonString(),
            Is.EqualTo(JsonNode.Parse(Fixture.Text("spec/_global.info/RootNodeInfoResponseExample2.json"))!.ToJsonString()));
    }

    [TestCase("7.7.1", null)]
    [TestCase("7.17.22", "Elasticsearch")]
    [TestCase("9.1.0", "Elasticsearch")]
    [TestCase("serverless", "Elasticsearch")]
    [TestCase("opensearch-2", null)]
    public async Task TheRootAnswersWithTheBodyAndOnlyElasticsearch714AndLaterSendTheProductHeader(string name, string? product)
    {
        var root = Roots.Single(r => r.Name == name).Body;

        var answer = await With(root, calls => calls.GetAsync("/"));

        Assert.That(answer.Json!.ToJsonString(), Is.EqualTo(JsonNode.Parse(root)!.ToJsonString()));
        Assert.That(answer.Product, Is.EqualTo(product));
    }

    [TestCase("7.7.1", HttpStatusCode.BadRequest)]
    [TestCase("7.17.22", HttpStatusCode.OK)]
    [TestCase("serverless", HttpStatusCode.OK)]
    [TestCase("opensearch-3", HttpStatusCode.OK)]
    public async Task ComposableTemplatesExistFromElasticsearch78AndInServerlessAndOpenSearch(string name, HttpStatusCode expected)
    {
        var answer = await With(Roots.Single(r => r.Name == name).Body,
            calls => calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"]}"""));

        Assert.That(answer.Status, Is.EqualTo(expected), answer.Text);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(answer.Text, Is.EqualTo("""{"error":"no handler found for uri [/_index_template/t] and method [PUT]","status":400}"""));
        }
    }

    [Test]
    public async Task Elasticsearch771TakesLegacyTemplatesAndIlm()
    {
        var (legacy, ilm) = await With(RootResponses.Elasticsearch771, async calls => (
            await calls.PutAsync("/_template/t", """{"index_patterns":["t-*"],"order":1,"settings":{"index.lifecycle.name":"p"}}"""),
            await calls.PutAsync("/_ilm/policy/p", """{"policy":{"phases":{"delete":{"min_age":"7d","actions":{"delete":{}}}}}}""")));

        Assert.That(legacy.Status, Is.EqualTo(HttpStatusCode.OK), legacy.Text);
        Assert.That(legacy.Warnings, Is.Empty, "legacy templates are deprecated only from 8.0");
        Assert.That(ilm.Status, Is.EqualTo(HttpStatusCode.OK), ilm.Text);
    }

    [Test]
    public async Task ServerlessHasNeitherIlmNorLegacyTemplatesNorShardSettings()
    {
        var (ilm, legacy, shards, refresh, fine) = await With(RootResponses.ElasticsearchServerless940, async calls => (
            await calls.PutAsync("/_ilm/policy/p", """{"policy":{"phases":{}}}"""),
            await calls.PutAsync("/_template/t", """{"index_patterns":["t-*"]}"""),
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"],"template":{"settings":{"number_of_shards":1,"index":{"number_of_replicas":0}}}}"""),
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"],"template":{"settings":{"refresh_interval":"1s"}}}"""),
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"],"data_stream":{},"template":{"lifecycle":{"data_retention":"30d"},"mappings":{"properties":{"@timestamp":{"type":"date"}}}}}""")));

        ilm.AssertError(410, "api_not_available_exception",
            "Request for uri [/_ilm/policy/p] with method [PUT] exists but is not available when running in serverless mode");
        legacy.AssertError(410, "api_not_available_exception",
            "Request for uri [/_template/t] with method [PUT] exists but is not available when running in serverless mode");
        shards.AssertError(400, "illegal_argument_exception",
            "Settings [index.number_of_replicas,index.number_of_shards] are not available when running in serverless mode");
        refresh.AssertError(400, "illegal_argument_exception", "failed to parse value [1s] for setting [index.refresh_interval], must be >= [5s]");
        Assert.That(fine.Status, Is.EqualTo(HttpStatusCode.OK), fine.Text);
    }

    [Test]
    public async Task OpenSearchHasIsmInsteadOfIlmAndNoBuiltInTemplates()
    {
        var (ilm, ism, templates, items) = await With(RootResponses.OpenSearch2171, async calls => (
            await calls.PutAsync("/_ilm/policy/p", """{"policy":{"phases":{}}}"""),
            await calls.PutAsync("/_plugins/_ism/policies/p", """{"policy":{"description":"d","default_state":"hot","states":[{"name":"hot","actions":[],"transitions":[]}]}}"""),
            await calls.GetAsync("/_index_template"),
            await calls.CreateAsync("logs-app-default", """{"message":"no timestamp needed"}""")));

        Assert.That(ilm.Text, Is.EqualTo("""{"error":"no handler found for uri [/_ilm/policy/p] and method [PUT]","status":400}"""));
        Assert.That(ism.Status, Is.EqualTo(HttpStatusCode.Created), ism.Text);
        Assert.That(templates.Json!.ToJsonString(), Is.EqualTo("""{"index_templates":[]}"""));
        Assert.That(items[0]["_index"]!.GetValue<string>(), Is.EqualTo("logs-app-default"), "a plain index, not a data stream");
    }

    [Test]
    public async Task ElasticsearchHasNoIsm()
    {
        var ism = await With(RootResponses.Elasticsearch910, calls => calls.GetAsync("/_plugins/_ism/policies/p"));

        Assert.That(ism.Text, Is.EqualTo("""{"error":"no handler found for uri [/_plugins/_ism/policies/p] and method [GET]","status":400}"""));
    }

    [Test]
    public async Task OpenSearchSettingsAndDataStreamTemplatesAreItsOwn()
    {
        var (lifecycleSetting, ismSetting, dataStream, read) = await With(RootResponses.OpenSearch300, async calls => (
            await calls.PutAsync("/_index_template/a", """{"index_patterns":["a-*"],"template":{"settings":{"index.lifecycle.name":"p"}}}"""),
            await calls.PutAsync("/_index_template/b", """{"index_patterns":["b-*"],"template":{"settings":{"plugins.index_state_management.rollover_alias":"b"}}}"""),
            await calls.PutAsync("/_index_template/c", """{"index_patterns":["c-*"],"data_stream":{}}"""),
            await calls.GetAsync("/_index_template/c")));

        lifecycleSetting.AssertError(400, "illegal_argument_exception",
            "unknown setting [index.lifecycle.name] please check that any required plugins are installed, or check the breaking changes documentation for removed settings");
        Assert.That(ismSetting.Status, Is.EqualTo(HttpStatusCode.OK), ismSetting.Text);
        Assert.That(dataStream.Status, Is.EqualTo(HttpStatusCode.OK), dataStream.Text);
        Assert.That(read.Json!["index_templates"]![0]!["index_template"]!["data_stream"]!.ToJsonString(),
            Is.EqualTo("""{"timestamp_field":{"name":"@timestamp"}}"""));
    }

    [TestCase("7.17.22", "mapper_parsing_exception", "failed to parse field [n] of type [long] in document with id '1'. Preview of field's value: 'x'")]
    [TestCase("opensearch-2", "mapper_parsing_exception", "failed to parse field [n] of type [long] in document with id '1'. Preview of field's value: 'x'")]
    [TestCase("8.15.3", "document_parsing_exception", "[1:6] failed to parse field [n] of type [long] in document with id '1'. Preview of field's value: 'x'")]
    public async Task OlderServersCallAMappingMismatchAMapperParsingException(string name, string type, string reason)
    {
        var answer = await With(Roots.Single(r => r.Name == name).Body, calls => calls.SendAsync("POST", "/_bulk",
            """{"index":{"_index":"x","_id":"0"}}""" + "\n" + """{"n":1}""" + "\n" + """{"index":{"_index":"x","_id":"1"}}""" + "\n" + """{"n":"x"}""" + "\n"));

        var error = answer.Json!["items"]![1]!["index"]!["error"]!;
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo(type));
        Assert.That(error["reason"]!.GetValue<string>(), Is.EqualTo(reason));
    }

    [Test]
    public async Task WithoutTheBuiltInTemplatesLogsNamesArePlainIndices()
    {
        var items = await With(RootResponses.Elasticsearch910, calls => calls.CreateAsync("logs-app-default", """{"a":1}"""),
            new FakeElasticsearchOptions { BuiltInDataStreamTemplates = false });

        Assert.That(items[0]["_index"]!.GetValue<string>(), Is.EqualTo("logs-app-default"));
    }
}
