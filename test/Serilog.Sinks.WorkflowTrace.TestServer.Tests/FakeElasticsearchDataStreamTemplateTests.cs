using System.Net;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Templates with <c>data_stream</c>: the names they match become data streams, and the lifecycle they may carry.</summary>
public class FakeElasticsearchDataStreamTemplateTests
{
    const string DataStreamTemplate = """
        {"index_patterns":["logs-trace-*"],"priority":200,"data_stream":{},
         "template":{"mappings":{"dynamic":false,"properties":{"@timestamp":{"type":"date"},"run_id":{"type":"keyword"}}}}}
        """;

    static async Task<T> With<T>(string root, Func<FakeElasticsearch, ServerCalls, Task<T>> use)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root });
        using var calls = new ServerCalls(server);
        return await use(server, calls);
    }

    [Test]
    public async Task ANameMatchingADataStreamTemplateBecomesADataStream()
    {
        await With(RootResponses.Elasticsearch910, async (server, calls) =>
        {
            await calls.PutAsync("/_index_template/trace", DataStreamTemplate);
            var body = """{"index":{"_index":"logs-trace-default"}}""" + "\n" + """{"@timestamp":"2025-01-01T00:00:00Z"}""" + "\n" +
                       """{"create":{"_index":"logs-trace-default"}}""" + "\n" + """{"run_id":"no time"}""" + "\n" +
                       """{"create":{"_index":"logs-trace-default"}}""" + "\n" + """{"@timestamp":"not a date"}""" + "\n" +
                       """{"create":{"_index":"logs-trace-default"}}""" + "\n" + """{"@timestamp":"2025-01-01T00:00:00Z","run_id":"r"}""" + "\n";

            var answer = await calls.SendAsync("POST", "/_bulk", body);
            var items = answer.Json!["items"]!.AsArray().Select(i => i!.AsObject().Single().Value!).ToList();
            var index = (await calls.GetAsync("/logs-trace-default")).Json!.AsObject().Single();
            var create = await calls.PutAsync("/logs-trace-other", "{}");

            Assert.That(items.Select(i => i["status"]!.GetValue<int>()), Is.EqualTo(new[] { 400, 400, 400, 201 }));
            Assert.That(items[0]["error"]!["reason"]!.GetValue<string>(), Is.EqualTo("only write ops with an op_type of create are allowed in data streams"));
            Assert.That(items[1]["error"]!["reason"]!.GetValue<string>(), Does.Contain("data stream timestamp field [@timestamp] is missing"));
            Assert.That(items[2]["error"]!["reason"]!.GetValue<string>(), Does.Contain("failed to parse field [@timestamp] of type [date]"));
            Assert.That(items[3]["_index"]!.GetValue<string>(), Does.Match(@"^\.ds-logs-trace-default-\d{4}\.\d{2}\.\d{2}-000001$"));
            Assert.That(server.Documents.Single().Index, Is.EqualTo("logs-trace-default"));
            Assert.That(index.Key, Is.EqualTo(items[3]["_index"]!.GetValue<string>()));
            Assert.That(index.Value!["data_stream"]!.GetValue<string>(), Is.EqualTo("logs-trace-default"));
            Assert.That(index.Value!["settings"]!["index"]!["hidden"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(index.Value!["mappings"]!["_data_stream_timestamp"]!.ToJsonString(), Is.EqualTo("""{"enabled":true}"""));
            create.AssertError(400, "illegal_argument_exception",
                "cannot create index with name [logs-trace-other], because it matches with template [trace] that creates data streams only, use create data stream api instead");
            return 0;
        });
    }

    [Test]
    public async Task AHigherPriorityTemplateWithoutDataStreamMakesPlainIndicesOfBuiltInNames()
    {
        await With(RootResponses.Elasticsearch910, async (_, calls) =>
        {
            await calls.PutAsync("/_index_template/plain", """{"index_patterns":["logs-plain-*"],"priority":150}""");

            var items = await calls.CreateAsync("logs-plain-default", """{"message":"no timestamp"}""");

            Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(201));
            Assert.That(items[0]["_index"]!.GetValue<string>(), Is.EqualTo("logs-plain-default"));
            return 0;
        });
    }

    [Test]
    public async Task ATemplateMayNotLeaveAnExistingDataStreamWithoutOneAndInUseTemplatesStay()
    {
        await With(RootResponses.Elasticsearch910, async (_, calls) =>
        {
            // Not under logs-*-*, so no built-in template would still cover the data stream.
            await calls.PutAsync("/_index_template/trace", """{"index_patterns":["trace-*"],"priority":200,"data_stream":{}}""");
            var created = await calls.CreateAsync("trace-default", """{"@timestamp":"2025-01-01T00:00:00Z"}""");
            Assert.That(created[0]["status"]!.GetValue<int>(), Is.EqualTo(201), created[0].ToJsonString());

            var shadow = await calls.PutAsync("/_index_template/shadow", """{"index_patterns":["trace-*"],"priority":300}""");
            var delete = await calls.DeleteAsync("/_index_template/trace");
            await calls.PutAsync("/_index_template/backup", """{"index_patterns":["trace-def*"],"priority":100,"data_stream":{}}""");
            var deleteCovered = await calls.DeleteAsync("/_index_template/trace");

            shadow.AssertError(400, "illegal_argument_exception",
                "composable template [shadow] with index patterns [trace-*], priority [300] and no data stream configuration would cause data streams [trace-default] to no longer match a data stream template");
            delete.AssertError(400, "illegal_argument_exception",
                "unable to remove composable templates [trace] as they are in use by a data streams [trace-default]");
            Assert.That(deleteCovered.Status, Is.EqualTo(HttpStatusCode.OK), "another data stream template still matches");
            return 0;
        });
    }

    [Test]
    public async Task ADataStreamTemplateNeedsADateTimestamp()
    {
        var answer = await With(RootResponses.Elasticsearch910, (_, calls) => calls.PutAsync("/_index_template/t",
            """{"index_patterns":["t-*"],"data_stream":{},"template":{"mappings":{"properties":{"datetime":{"type":"date"},"@timestamp":{"type":"alias","path":"datetime"}}}}}"""));

        answer.AssertError(400, "illegal_argument_exception", "composable template [t] template after composition is invalid");
        Assert.That(answer.Json!["error"]!["caused_by"]!["caused_by"]!["reason"]!.GetValue<string>(),
            Is.EqualTo("data stream timestamp field [@timestamp] does not exist"));
    }

    [TestCase("8.15.3", 200, null)]
    [TestCase("serverless", 200, null)]
    [TestCase("7.17.22", 400, "[1:59] [index_template] failed to parse field [template]")]
    [TestCase("opensearch-2", 400, "[1:59] [index_template] failed to parse field [template]")]
    public async Task DataStreamLifecycleIsAcceptedByElasticsearch811AndServerlessOnly(string name, int status, string? reason)
    {
        var root = name switch
        {
            "8.15.3" => RootResponses.Elasticsearch8153,
            "serverless" => RootResponses.ElasticsearchServerless940,
            "7.17.22" => RootResponses.Elasticsearch71722,
            _ => RootResponses.OpenSearch2171,
        };

        var (put, read) = await With(root, async (_, calls) => (
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"],"data_stream":{},"priority":200,"template":{"lifecycle":{"data_retention":"30d"}}}"""),
            await calls.GetAsync("/_index_template/t")));

        Assert.That((int)put.Status, Is.EqualTo(status), put.Text);
        if (reason is null)
        {
            Assert.That(read.Json!["index_templates"]![0]!["index_template"]!["template"]!["lifecycle"]!.ToJsonString(),
                Is.EqualTo("""{"enabled":true,"data_retention":"30d"}"""));
        }
        else
        {
            put.AssertError(400, "x_content_parse_exception", reason);
            Assert.That(put.Json!["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo("[1:71] [template] unknown field [lifecycle]"));
        }
    }

    [TestCase("""{"index_patterns":["t-*"],"template":{"lifecycle":{"data_retention":"30d"}}}""", "illegal_argument_exception",
        "index template [t] specifies lifecycle configuration that can only be used in combination with a data stream")]
    [TestCase("""{"index_patterns":["t-*"],"data_stream":{},"template":{"lifecycle":{"data_retention":"30"}}}""", "x_content_parse_exception",
        "[1:44] [index_template] failed to parse field [template]")]
    [TestCase("""{"index_patterns":["t-*"],"data_stream":{},"template":{"lifecycle":{"retention":"30d"}}}""", "x_content_parse_exception",
        "[1:44] [index_template] failed to parse field [template]")]
    public async Task ALifecycleElasticsearchRefusesIsRefused(string body, string type, string reason)
    {
        var answer = await With(RootResponses.Elasticsearch910, (_, calls) => calls.PutAsync("/_index_template/t", body));

        answer.AssertError(400, type, reason);
    }

    [Test]
    public async Task ServerlessAcceptsTheSinksDataStreamTemplateWithoutShardSettings()
    {
        var (put, items) = await With(RootResponses.ElasticsearchServerless940, async (_, calls) => (
            await calls.PutAsync("/_index_template/trace", DataStreamTemplate.Replace("\"priority\":200", "\"priority\":200,\"_meta\":{\"managed_by\":\"x\"}", StringComparison.Ordinal)),
            await calls.CreateAsync("logs-trace-default", """{"@timestamp":"2025-01-01T00:00:00Z"}""")));

        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK), put.Text);
        Assert.That(items[0]["status"]!.GetValue<int>(), Is.EqualTo(201));
    }
}
