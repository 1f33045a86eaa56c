using System.Net;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary><c>PUT {index}/_settings</c>, a mapping written by another producer, and <c>DELETE {index}</c> per version.</summary>
public class FakeElasticsearchIndexSettingsTests
{
    static async Task With(Func<FakeElasticsearch, ServerCalls, Task> use, string root = RootResponses.Elasticsearch910, string[]? forbidden = null)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root, Forbidden = forbidden ?? [] });
        using var calls = new ServerCalls(server);
        await use(server, calls);
    }

    static string? RefreshInterval(ServerAnswer settings, string index) => settings.Json![index]!["settings"]!["index"]!["refresh_interval"]?.GetValue<string>();

    [Test]
    public async Task RefreshIntervalIsTakenUnderIndexBareOrUnderSettingsAndShownAfterwards()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces-1", "{}");
            await calls.PutAsync("/traces-2", "{}");

            var nested = await calls.PutAsync("/traces-*/_settings", """{"index":{"refresh_interval":"5s"}}""");
            var afterNested = await calls.GetAsync("/traces-*/_settings");
            var bare = await calls.PutAsync("/traces-1/_settings", """{"refresh_interval":"30s"}""");
            var wrapped = await calls.PutAsync("/traces-2/_settings", """{"settings":{"index.refresh_interval":"-1"}}""");
            var after = await calls.GetAsync("/traces-*/_settings");
            var reset = await calls.PutAsync("/traces-1/_settings", """{"index":{"refresh_interval":null}}""");
            var afterReset = await calls.GetAsync("/traces-1/_settings");

            Assert.That(new[] { nested, bare, wrapped, reset }.Select(a => a.Text), Has.All.EqualTo("""{"acknowledged":true}"""));
            Assert.That((RefreshInterval(afterNested, "traces-1"), RefreshInterval(afterNested, "traces-2")), Is.EqualTo(("5s", "5s")));
            Assert.That((RefreshInterval(after, "traces-1"), RefreshInterval(after, "traces-2")), Is.EqualTo(("30s", "-1")));
            Assert.That(RefreshInterval(afterReset, "traces-1"), Is.Null, "null resets to the default");
        });
    }

    [Test]
    public async Task UnknownStaticOrBadSettingsAndMissingTargetsAreRefused()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces", "{}");

            var unknown = await calls.PutAsync("/traces/_settings", """{"index":{"refresh_intervall":"5s"}}""");
            var badValue = await calls.PutAsync("/traces/_settings", """{"refresh_interval":"5 seconds"}""");
            var fixedSetting = await calls.PutAsync("/traces/_settings", """{"index":{"number_of_shards":2}}""");
            var empty = await calls.PutAsync("/traces/_settings", "{}");
            var missing = await calls.PutAsync("/nope/_settings", """{"refresh_interval":"5s"}""");
            var noMatch = await calls.PutAsync("/nope-*/_settings", """{"refresh_interval":"5s"}""");

            unknown.AssertError(400, "illegal_argument_exception",
                "unknown setting [index.refresh_intervall] please check that any required plugins are installed, or check the breaking changes documentation for removed settings");
            Assert.That(badValue.ErrorReason, Does.Contain("failed to parse setting [index.refresh_interval] with value [5 seconds] as a time value"));
            Assert.That(fixedSetting.ErrorReason, Does.StartWith("Can't update non dynamic settings [[index.number_of_shards]] for open indices [[traces/"));
            empty.AssertError(400, "action_request_validation_exception", "Validation Failed: 1: no settings to update;");
            missing.AssertError(404, "index_not_found_exception", "no such index [nope]");
            noMatch.AssertError(404, "index_not_found_exception", "no such index [nope-*]");
        });
    }

    [Test]
    public async Task ServerlessRefusesARefreshIntervalUnderFiveSeconds()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces", "{}");

            var fast = await calls.PutAsync("/traces/_settings", """{"refresh_interval":"1s"}""");

            Assert.That(fast.ErrorReason, Is.EqualTo("failed to parse value [1s] for setting [index.refresh_interval], must be >= [5s]"));
        }, RootResponses.ElasticsearchServerless940);
    }

    [Test]
    public async Task AnIndexCreatedByAPythonProducerShowsItsIntegerThreadInTheMapping()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/py-traces", """
                {"mappings":{"properties":{"run_id":{"type":"keyword"},"thread":{"type":"integer"},"process":{"type":"integer"},
                 "lineno":{"type":"integer"},"datetime":{"type":"date"},"message":{"type":"text"}}}}
                """);

            var mapping = await calls.GetAsync("/py-traces/_mapping");

            var properties = mapping.Json!["py-traces"]!["mappings"]!["properties"]!;
            Assert.That(new[] { "thread", "process", "lineno" }.Select(f => properties[f]!["type"]!.GetValue<string>()), Has.All.EqualTo("integer"));
        });
    }

    [Test]
    public async Task Elasticsearch8RefusesWildcardDeletesAndDeletesByNameOrCommaList()
    {
        await With(async (_, calls) =>
        {
            foreach (var name in new[] { "traces-1", "traces-2", "traces-3" })
            {
                await calls.PutAsync("/" + name, "{}");
            }

            var wildcard = await calls.DeleteAsync("/traces-*");
            var all = await calls.DeleteAsync("/_all");
            var partlyMissing = await calls.DeleteAsync("/traces-1,nope");
            var list = await calls.DeleteAsync("/traces-1,traces-2");
            var left = await calls.GetAsync("/_cat/indices?format=json&h=index");

            wildcard.AssertError(400, "illegal_argument_exception", "Wildcard expressions or all indices are not allowed");
            all.AssertError(400, "illegal_argument_exception", "Wildcard expressions or all indices are not allowed");
            partlyMissing.AssertError(404, "index_not_found_exception", "no such index [nope]");
            Assert.That(list.Text, Is.EqualTo("""{"acknowledged":true}"""));
            Assert.That(left.Json!.ToJsonString(), Is.EqualTo("""[{"index":"traces-3"}]"""), "a refused or failed delete deletes nothing");
        });
    }

    [TestCase(RootResponses.Elasticsearch71722)]
    [TestCase(RootResponses.OpenSearch2171)]
    public async Task OlderElasticsearchAndOpenSearchLetAWildcardDeleteAsDestructiveRequiresNameIsOff(string root)
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces-1", "{}");
            await calls.PutAsync("/keep", "{}");

            var wildcard = await calls.DeleteAsync("/traces-*");
            var left = await calls.GetAsync("/_cat/indices?format=json&h=index");

            Assert.That(wildcard.Status, Is.EqualTo(HttpStatusCode.OK), wildcard.Text);
            Assert.That(left.Json!.ToJsonString(), Is.EqualTo("""[{"index":"keep"}]"""));
        }, root);
    }

    [Test]
    public async Task ChangingSettingsNeedsManageAndDeletingNeedsDeleteIndex()
    {
        await With(async (_, calls) =>
        {
            await calls.PutAsync("/traces", "{}");

            var settings = await calls.PutAsync("/traces/_settings", """{"refresh_interval":"5s"}""");
            var read = await calls.GetAsync("/traces/_settings");

            Assert.That(settings.ErrorReason, Is.EqualTo(
                "action [indices:admin/settings/update] is unauthorized for user [elastic] with effective roles [writer] on indices [traces], this action is granted by the index privileges [manage,all]"));
            Assert.That(read.ErrorReason, Does.StartWith("action [indices:monitor/settings/get]"), "the prefix covers reading too");
        }, forbidden: ["traces/_settings"]);
    }
}
