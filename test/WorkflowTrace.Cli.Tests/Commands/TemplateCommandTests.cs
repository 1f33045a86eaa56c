using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class TemplateCommandTests
{
    [Test]
    public async Task TemplateShowPrintsTheTargetPathAndTheBodyTheSinkWouldInstall()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "template", "show", "--index", "wt-{0:yyyy.MM.dd}");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("Elasticsearch 9.1.0"), result.ToString());
        var lines = result.Output.Split('\n');
        var put = Array.FindIndex(lines, l => l.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.That(lines[put].Trim(), Is.EqualTo("PUT /_index_template/wt"), result.ToString());
        var body = JsonNode.Parse(string.Join('\n', lines.Skip(put + 1)))!;
        Assert.That(body["index_patterns"]![0]!.GetValue<string>(), Is.EqualTo("wt-*"));
        Assert.That(body["template"]!["mappings"]!["properties"]!["thread"]!["type"]!.GetValue<string>(), Is.EqualTo("long"));
        Assert.That(body["_meta"]!["managed_by"]!.GetValue<string>(), Is.EqualTo("Serilog.Sinks.WorkflowTrace"));
    }

    [Test]
    public async Task TemplateShowOnElasticsearch7_7GivesTheLegacyTemplateAsTheSinkWould()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.Elasticsearch771 });

        var result = await CliRun.RunAsync(server.Url.ToString(), "template", "show");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("PUT /_template/workflow-traces"), result.ToString());
        Assert.That(result.Output, Does.Contain("Elasticsearch 7.7.1"), result.ToString());
    }

    [Test]
    public async Task TemplateShowAsJsonIsTheBodyAloneTheSameTheSinkInstalls()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var shown = await CliRun.RunAsync(server.Url.ToString(), "template", "show", "--json");
        await AdminSeeding.WriteThroughTheSinkAsync(server, "workflow-traces");

        Assert.That(shown.ExitCode, Is.EqualTo(ExitCodes.Success), shown.ToString());
        var body = JsonNode.Parse(shown.Output)!;
        var installed = JsonNode.Parse(await AdminSeeding.SendAsync(server, HttpMethod.Get, "_index_template/workflow-traces"))!;
        Assert.That(installed["index_templates"]![0]!["index_template"]!["_meta"]!["content_hash"]!.GetValue<string>(),
            Is.EqualTo(body["_meta"]!["content_hash"]!.GetValue<string>()));
    }

    [Test]
    public async Task TemplateInstallInstallsTheTemplateThenFindsItAlreadyCurrent()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var first = await CliRun.RunAsync(server.Url.ToString(), "template", "install");
        var second = await CliRun.RunAsync(server.Url.ToString(), "template", "install", "--verbose");

        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());
        Assert.That(first.Output, Does.Contain("Installed the index template 'workflow-traces' for 'workflow-traces' on Elasticsearch 9.1.0"), first.ToString());
        var installed = JsonNode.Parse(await AdminSeeding.SendAsync(server, HttpMethod.Get, "_index_template/workflow-traces"))!;
        Assert.That(installed["index_templates"]![0]!["index_template"]!["_meta"]!["managed_by"]!.GetValue<string>(), Is.EqualTo("Serilog.Sinks.WorkflowTrace"));

        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString());
        Assert.That(second.Output, Does.Contain("is already current: nothing written"), second.ToString());
        Assert.That(second.Error, Does.Contain("> GET /_index_template/workflow-traces").And.Not.Contain("> PUT"), second.ToString());
    }

    [Test]
    public async Task TemplateInstallWithoutThePrivilegeIsRefusedNamingTheOneNeeded()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Forbidden = ["_index_template"] });

        var result = await CliRun.RunAsync(server.Url.ToString(), "template", "install");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.AccessDenied), result.ToString());
        Assert.That(result.Error, Does.Contain("manage_index_templates").And.Contain("(403)"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("   at "), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("Installed"), result.ToString());
    }
}
