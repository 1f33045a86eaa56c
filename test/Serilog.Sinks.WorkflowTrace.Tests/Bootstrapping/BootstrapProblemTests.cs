using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrapping;

/// <summary>Template conflicts, missing privileges and bad credentials say clearly what to change.</summary>
public class BootstrapProblemTests
{
    static string Bootstrap(FakeElasticsearch server, Func<Serilog.Configuration.LoggerSinkConfiguration, LoggerConfiguration> configure)
    {
        using var selfLog = new SelfLogCollector();
        using (var logger = configure(new LoggerConfiguration().WriteTo).CreateLogger())
            logger.Information("bootstrap problem");
        return selfLog.Text;
    }

    [Test]
    public async Task APatternOverlappingAnotherTemplateAtTheSamePriorityNamesTheOptionToChange()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var selfLog = Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), indexName: "logs-workflow-default", templatePriority: 100, dataStream: true));
        Assert.That(selfLog, Does.Contain("templatePriority").And.Contain("priority 100"));
    }

    [Test]
    public async Task AMissingPrivilegeIsNamed()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Forbidden = ["_index_template"] });
        var selfLog = Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString()));
        Assert.That(selfLog, Does.Contain("manage_index_templates").And.Contain("403").And.Contain("bootstrapMode"));
        Assert.That(server.DocumentCount, Is.EqualTo(1), "Silent mode ships anyway");
    }

    [Test]
    public async Task RefusedCredentialsAreSaidToBeTheCredentialsWithoutShowingThem()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "elastic", Password = "right" });
        var selfLog = Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), username: "elastic", password: "wrong-secret-xyz", maxRetries: 0));
        Assert.That(selfLog, Does.Contain("credentials").And.Contain("401"));
        Assert.That(selfLog, Does.Not.Contain("wrong-secret-xyz"));
    }

    [Test]
    public async Task RetentionBecomesAnIlmPolicyOnElasticsearch()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), retention: TimeSpan.FromDays(30)));
        var put = server.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/_ilm/policy/", StringComparison.Ordinal));
        Assert.That(put.Path, Is.EqualTo("/_ilm/policy/workflow-traces-policy"));
        Assert.That(put.BodyText, Does.Contain("\"delete\":{\"min_age\":\"30d\""));
        var template = server.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("_index_template", StringComparison.Ordinal));
        Assert.That(template.BodyText, Does.Contain("\"lifecycle\":{\"name\":\"workflow-traces-policy\"}"));
    }

    [Test]
    public async Task AnUnchangedIlmPolicyIsNotWrittenAgain()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        foreach (var days in new[] { 30, 30, 60 })
            Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), retention: TimeSpan.FromDays(days)));
        var puts = server.Requests.Where(r => r.Method == "PUT" && r.Path.StartsWith("/_ilm/policy/", StringComparison.Ordinal)).ToList();
        Assert.That(puts, Has.Count.EqualTo(2), "the second start found the same policy; the third changed the retention");
        Assert.That(puts[1].BodyText, Does.Contain("\"min_age\":\"60d\""));
    }

    [Test]
    public async Task RetentionBecomesAnIsmPolicyOnOpenSearch()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.OpenSearch2171 });
        Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), retention: TimeSpan.FromDays(7)));
        var put = server.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/_plugins/_ism/policies/", StringComparison.Ordinal));
        Assert.That(put.BodyText, Does.Contain("\"min_index_age\":\"7d\"").And.Contain("workflow-traces"));
        Assert.That(server.Requests.Any(r => r.Path.StartsWith("/_ilm", StringComparison.Ordinal)), Is.False);
        Assert.That(server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RetentionBecomesADataStreamLifecycleOnServerless()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.ElasticsearchServerless940 });
        var selfLog = Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), indexName: "workflow-traces-app", dataStream: true, retention: TimeSpan.FromDays(14)));
        var template = server.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("_index_template", StringComparison.Ordinal));
        Assert.That(template.BodyText, Does.Contain("\"lifecycle\":{\"data_retention\":\"14d\"}").And.Not.Contain("number_of_shards"));
        Assert.That(server.DocumentCount, Is.EqualTo(1), selfLog);
    }

    [Test]
    public async Task ServerlessWithoutADataStreamSaysItHasNoLifecycle()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.ElasticsearchServerless940 });
        var selfLog = Bootstrap(server, wt => wt.WorkflowTrace(hosts: server.Url.ToString(), retention: TimeSpan.FromDays(14)));
        Assert.That(selfLog, Does.Contain("offers no lifecycle for plain indices"));
    }
}
