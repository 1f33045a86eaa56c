using System.Net;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary><see cref="FakeElasticsearchOptions.Forbidden"/>: a user without the privilege gets the server's 403.</summary>
public class FakeElasticsearchPermissionTests
{
    static async Task<T> With<T>(string root, string[] forbidden, Func<FakeElasticsearch, ServerCalls, Task<T>> use)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root, Forbidden = forbidden });
        using var calls = new ServerCalls(server);
        return await use(server, calls);
    }

    [Test]
    public async Task TemplateCallsNameTheTemplatePrivilege()
    {
        await With(RootResponses.Elasticsearch910, ["_index_template", "_template"], async (server, calls) =>
        {
            var put = await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"]}""");
            var head = await calls.HeadAsync("/_index_template/t");
            var get = await calls.GetAsync("/_index_template/t");
            var legacy = await calls.PutAsync("/_template/t", """{"index_patterns":["t-*"]}""");
            var bulk = await calls.CreateAsync("t-1", """{"a":1}""");

            put.AssertError(403, "security_exception",
                "action [indices:admin/index_template/put] is unauthorized for user [elastic] with effective roles [writer], " +
                "this action is granted by the cluster privileges [manage_index_templates,manage,all]");
            Assert.That((head.Status, head.Text), Is.EqualTo((HttpStatusCode.Forbidden, "")));
            Assert.That(get.ErrorReason, Does.EndWith("this action is granted by the cluster privileges [manage_index_templates,monitor,manage,all]"));
            Assert.That(legacy.ErrorReason, Does.StartWith("action [indices:admin/template/put] is unauthorized"));
            Assert.That(bulk[0]["status"]!.GetValue<int>(), Is.EqualTo(201), "other paths are allowed");
            Assert.That(server.Requests.Count(r => r.Path.StartsWith("/_index_template", StringComparison.Ordinal)), Is.EqualTo(3), "refused requests are recorded");
            return 0;
        });
    }

    [Test]
    public async Task LifecycleCallsNameTheIlmPrivilegeAndTheUser()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            Username = "shipper",
            Password = "p",
            Forbidden = ["_ilm"],
        });
        using var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("shipper:p"u8.ToArray()));

        using var put = await client.PutAsync("/_ilm/policy/p", new StringContent("""{"policy":{"phases":{}}}""", System.Text.Encoding.UTF8, "application/json"));
        using var get = await client.GetAsync("/_ilm/policy/p");

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await put.Content.ReadAsStringAsync(), Does.Contain(
            "action [cluster:admin/ilm/put] is unauthorized for user [shipper] with effective roles [writer], this action is granted by the cluster privileges [manage_ilm,manage,all]"));
        Assert.That(await get.Content.ReadAsStringAsync(), Does.Contain("[read_ilm,manage_ilm,manage,all]"));
    }

    [Test]
    public async Task OpenSearchWordsItsRefusalItsOwnWay()
    {
        await With(RootResponses.OpenSearch2171, ["_plugins/_ism"], async (_, calls) =>
        {
            var put = await calls.PutAsync("/_plugins/_ism/policies/p", """{"policy":{}}""");

            put.AssertError(403, "security_exception",
                "no permissions for [cluster:admin/opendistro/ism/policy/write] and User [name=elastic, backend_roles=[], requestedTenant=null]");
            return 0;
        });
    }

    [Test]
    public async Task AForbiddenBulkFailsEveryItemAsElasticsearchAuthorizesWritesPerIndex()
    {
        await With(RootResponses.Elasticsearch910, ["_bulk"], async (server, calls) =>
        {
            var items = await calls.CreateAsync("logs", """{"a":1}""", """{"a":2}""");

            Assert.That(items.Select(i => i["status"]!.GetValue<int>()), Is.EqualTo(new[] { 403, 403 }));
            Assert.That(items[0]["error"]!["type"]!.GetValue<string>(), Is.EqualTo("security_exception"));
            Assert.That(items[0]["error"]!["reason"]!.GetValue<string>(), Is.EqualTo(
                "action [indices:data/write/bulk[s]] is unauthorized for user [elastic] with effective roles [writer] on indices [logs], " +
                "this action is granted by the index privileges [create_doc,create,index,write,all]"));
            Assert.That(server.DocumentCount, Is.Zero);
            return 0;
        });
    }

    [Test]
    public async Task UnknownPathsAndWrongMethodsAreRefusedBeforePermissions()
    {
        await With(RootResponses.Elasticsearch910, ["_index_template"], async (_, calls) =>
        {
            var unknown = await calls.GetAsync("/_index_template/a/b/c");
            var method = await calls.SendAsync("PATCH", "/_index_template/a");

            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(method.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(method.Text, Is.EqualTo("""{"error":"Incorrect HTTP method for uri [/_index_template/a] and method [PATCH], allowed: [DELETE, GET, HEAD, POST, PUT]","status":405}"""));
            return 0;
        });
    }
}
