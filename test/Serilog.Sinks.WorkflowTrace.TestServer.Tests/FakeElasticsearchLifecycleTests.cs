using System.Net;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>Lifecycle policies: Elasticsearch's ILM (<c>_ilm/policy</c>) and OpenSearch's ISM (<c>_plugins/_ism/policies</c>).</summary>
public class FakeElasticsearchLifecycleTests
{
    const string IsmPolicy = """
        {"policy":{"description":"keep 30 days","default_state":"hot",
          "states":[
            {"name":"hot","actions":[{"rollover":{"min_index_age":"1d"}}],"transitions":[{"state_name":"delete","conditions":{"min_index_age":"30d"}}]},
            {"name":"delete","actions":[{"delete":{}}],"transitions":[]}],
          "ism_template":[{"index_patterns":["traces-*"],"priority":100}]}}
        """;

    static async Task<T> With<T>(string root, Func<FakeElasticsearch, ServerCalls, Task<T>> use)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root });
        using var calls = new ServerCalls(server);
        return await use(server, calls);
    }

    [Test]
    public async Task TheSpecificationsLifecyclePolicyIsAcknowledgedAndReadBackAsTheSpecificationShowsIt()
    {
        await With(RootResponses.Elasticsearch910, async (_, calls) =>
        {
            var put = await calls.PutAsync("/_ilm/policy/my_policy", Fixture.Text("spec/ilm.put_lifecycle/PutLifecycleRequestExample1.json"));
            var read = await calls.GetAsync("/_ilm/policy/my_policy");

            Assert.That(put.Json!.ToJsonString(), Is.EqualTo(JsonNode.Parse(Fixture.Text("spec/ilm.put_lifecycle/PutLifecycleResponseExample1.json"))!.ToJsonString()));
            var expected = JsonNode.Parse(Fixture.Text("spec/ilm.get_lifecycle/GetLifecycleResponseExample1.json"))!["my_policy"]!;
            var policy = read.Json!["my_policy"]!;
            Assert.That(policy["version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(policy["modified_date"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"));
            Assert.That(policy["policy"]!["phases"]!.ToJsonString(), Is.EqualTo(expected["policy"]!["phases"]!.ToJsonString()),
                "the delete action shows its default, as in the specification's answer");
            Assert.That(policy["policy"]!["_meta"]!["project"]!["name"]!.GetValue<string>(), Is.EqualTo("myProject"));
            Assert.That(policy["in_use_by"]!.ToJsonString(), Is.EqualTo(expected["in_use_by"]!.ToJsonString()));
            return 0;
        });
    }

    [Test]
    public async Task EachChangeRaisesTheVersionAndUsersAreListed()
    {
        await With(RootResponses.Elasticsearch910, async (_, calls) =>
        {
            const string Policy = """{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_age":"1d"}}},"delete":{"min_age":"30d","actions":{"delete":{}}}}}}""";
            await calls.PutAsync("/_ilm/policy/p", Policy);
            await calls.PutAsync("/_ilm/policy/p", Policy);
            await calls.PutAsync("/_ilm/policy/p", Policy.Replace("30d", "60d", StringComparison.Ordinal));
            await calls.PutAsync("/_index_template/t", """{"index_patterns":["t-*"],"template":{"settings":{"index.lifecycle.name":"p"}}}""");
            await calls.CreateAsync("t-1", "{}");

            var read = await calls.GetAsync("/_ilm/policy/p");
            var missing = await calls.GetAsync("/_ilm/policy/nope");
            var inUse = await calls.DeleteAsync("/_ilm/policy/p");

            Assert.That(read.Json!["p"]!["version"]!.GetValue<int>(), Is.EqualTo(2), "an identical policy is not stored again");
            Assert.That(read.Json!["p"]!["policy"]!["phases"]!["hot"]!["min_age"]!.GetValue<string>(), Is.EqualTo("0ms"));
            Assert.That(read.Json!["p"]!["in_use_by"]!.ToJsonString(), Is.EqualTo("""{"indices":["t-1"],"data_streams":[],"composable_templates":["t"]}"""));
            missing.AssertError(404, "resource_not_found_exception", "Lifecycle policy not found: [nope]");
            inUse.AssertError(400, "illegal_argument_exception", "Cannot delete policy [p]. It is in use by one or more indices: [t-1]");
            return 0;
        });
    }

    [TestCase("""{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_age":"1d"}}}}},"extra":1}""", "x_content_parse_exception",
        "[1:72] [put_lifecycle_request] unknown field [extra]", null)]
    [TestCase("""{"policy":{"phases":{"lukewarm":{"actions":{}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "Timeseries lifecycle does not support phase [lukewarm]")]
    [TestCase("""{"policy":{"phases":{"hot":{"actions":{"shred":{}}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "[1:40] unknown field [shred]")]
    [TestCase("""{"policy":{"phases":{"warm":{"actions":{"rollover":{"max_age":"1d"}}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "invalid action [rollover] defined in phase [warm]")]
    [TestCase("""{"policy":{"phases":{"hot":{"actions":{"rollover":{}}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "At least one max_* rollover condition must be set.")]
    [TestCase("""{"policy":{"phases":{"delete":{"min_age":"30","actions":{"delete":{}}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "failed to parse setting [min_age] with value [30] as a time value: unit is missing or unrecognized")]
    [TestCase("""{"policy":{"phases":{"hot":{"actions":{"forcemerge":{"max_num_segments":1}}}}}}""", "x_content_parse_exception",
        "[1:2] [put_lifecycle_request] failed to parse field [policy]", "the [forcemerge] action(s) may not be used in the [hot] phase without an accompanying [rollover] action")]
    [TestCase("""{"policy":{}}""", "x_content_parse_exception", "[1:2] [put_lifecycle_request] failed to parse field [policy]", "Required [phases]")]
    [TestCase("""{}""", "illegal_argument_exception", "Required [policy]", null)]
    public async Task APolicyElasticsearchRefusesIsRefused(string body, string type, string reason, string? cause)
    {
        await With(RootResponses.Elasticsearch910, async (_, calls) =>
        {
            var answer = await calls.PutAsync("/_ilm/policy/p", body);

            answer.AssertError(400, type, reason);
            if (cause is not null)
            {
                Assert.That(answer.Json!["error"]!["caused_by"]!["reason"]!.GetValue<string>(), Is.EqualTo(cause));
            }

            Assert.That((await calls.GetAsync("/_ilm/policy/p")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            return 0;
        });
    }

    [Test]
    public async Task AnIsmPolicyIsCreatedOnceAndThenOnlyReplacedWithItsSequenceNumber()
    {
        await With(RootResponses.OpenSearch2171, async (_, calls) =>
        {
            var created = await calls.PutAsync("/_plugins/_ism/policies/traces", IsmPolicy);
            var again = await calls.PutAsync("/_plugins/_ism/policies/traces", IsmPolicy);
            var stale = await calls.PutAsync("/_plugins/_ism/policies/traces?if_seq_no=7&if_primary_term=1", IsmPolicy);
            var replaced = await calls.PutAsync("/_plugins/_ism/policies/traces?if_seq_no=0&if_primary_term=1", IsmPolicy.Replace("30d", "60d", StringComparison.Ordinal));
            var read = await calls.GetAsync("/_plugins/_ism/policies/traces");

            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Json!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "_id", "_version", "_primary_term", "_seq_no", "policy" }));
            Assert.That((created.Json!["_id"]!.GetValue<string>(), created.Json!["_version"]!.GetValue<int>(), created.Json!["_seq_no"]!.GetValue<int>()),
                Is.EqualTo(("traces", 1, 0)));
            var policy = created.Json!["policy"]!["policy"]!;
            Assert.That(policy["policy_id"]!.GetValue<string>(), Is.EqualTo("traces"));
            Assert.That(policy["default_state"]!.GetValue<string>(), Is.EqualTo("hot"));
            Assert.That(policy["states"]![0]!["actions"]![0]!.ToJsonString(), Is.EqualTo(
                """{"retry":{"count":3,"backoff":"exponential","delay":"1m"},"rollover":{"min_index_age":"1d"}}"""), "every action gets the default retry");
            Assert.That(policy["ism_template"]![0]!["index_patterns"]!.ToJsonString(), Is.EqualTo("""["traces-*"]"""));

            again.AssertError(409, "version_conflict_engine_exception", "[traces]: version conflict, document already exists (current version [1])");
            Assert.That(again.Json!["error"]!["index"]!.GetValue<string>(), Is.EqualTo(".opendistro-ism-config"));
            stale.AssertError(409, "version_conflict_engine_exception",
                "[traces]: version conflict, required seqNo [7], primary term [1]. current document has seqNo [0] and primary term [1]");
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Text);
            Assert.That(replaced.Json!["_version"]!.GetValue<int>(), Is.EqualTo(2));

            Assert.That(read.Json!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "_id", "_version", "_seq_no", "_primary_term", "policy" }));
            Assert.That(read.Json!["_seq_no"]!.GetValue<int>(), Is.EqualTo(replaced.Json!["_seq_no"]!.GetValue<int>()));
            Assert.That(read.Json!["policy"]!["states"]![0]!["transitions"]![0]!["conditions"]!["min_index_age"]!.GetValue<string>(), Is.EqualTo("60d"));
            return 0;
        });
    }

    [Test]
    public async Task AnIsmPolicyCanBeListedCheckedAndDeleted()
    {
        await With(RootResponses.OpenSearch300, async (_, calls) =>
        {
            await calls.PutAsync("/_plugins/_ism/policies/traces", IsmPolicy);

            var list = await calls.GetAsync("/_plugins/_ism/policies");
            var head = await calls.HeadAsync("/_plugins/_ism/policies/traces");
            var deleted = await calls.DeleteAsync("/_plugins/_ism/policies/traces");
            var missing = await calls.GetAsync("/_plugins/_ism/policies/traces");
            var deletedAgain = await calls.DeleteAsync("/_plugins/_ism/policies/traces");

            Assert.That(list.Json!["total_policies"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(head.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleted.Json!["result"]!.GetValue<string>(), Is.EqualTo("deleted"));
            missing.AssertError(404, "status_exception", "Policy not found");
            Assert.That((deletedAgain.Status, deletedAgain.Json!["result"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            return 0;
        });
    }

    [TestCase("""{"policy":{"description":"d","default_state":"hot","states":[{"name":"hot","actions":[{"shred":{}}],"transitions":[]}]}}""",
        "Invalid field: [shred] found in Actions.")]
    [TestCase("""{"policy":{"description":"d","default_state":"cold","states":[{"name":"hot","actions":[],"transitions":[]}]}}""",
        "Policy must have a valid default state")]
    [TestCase("""{"policy":{"description":"d","default_state":"hot","states":[{"name":"hot","actions":[],"transitions":[{"state_name":"gone"}]}]}}""",
        "Policy contains a transition in state=hot pointing to a nonexistent state=gone")]
    [TestCase("""{"policy":{"description":"d","default_state":"hot","states":[{"name":"hot","actions":[{"delete":{}},{"read_only":{}}],"transitions":[]}]}}""",
        "State=hot must not contain an action after a delete action")]
    [TestCase("""{"policy":{"description":"d","default_state":"hot","phases":{}}}""", "Invalid field: [phases] found in Policy.")]
    [TestCase("""{"policy":{"default_state":"hot","states":[{"name":"hot","actions":[],"transitions":[]}]}}""", "description is null")]
    public async Task AnIsmPolicyOpenSearchRefusesIsRefused(string body, string reason)
    {
        await With(RootResponses.OpenSearch2171, async (_, calls) =>
        {
            var answer = await calls.PutAsync("/_plugins/_ism/policies/p", body);

            answer.AssertError(400, "illegal_argument_exception", reason);
            return 0;
        });
    }

    [Test]
    public async Task TwoIsmPoliciesMayNotClaimTheSameIndicesAtTheSamePriority()
    {
        await With(RootResponses.OpenSearch2171, async (_, calls) =>
        {
            await calls.PutAsync("/_plugins/_ism/policies/first", IsmPolicy);

            var second = await calls.PutAsync("/_plugins/_ism/policies/second", IsmPolicy.Replace("traces-*", "traces-app-*", StringComparison.Ordinal));

            second.AssertError(400, "index_management_exception",
                "New policy second has an ISM template with index pattern [traces-app-*] matching existing policy templates, please use a different priority than 100");
            return 0;
        });
    }
}
