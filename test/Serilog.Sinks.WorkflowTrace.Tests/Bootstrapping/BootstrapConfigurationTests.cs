using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrapping;

/// <summary>The bootstrap options from appsettings.json, and nothing sent before the first batch.</summary>
public class BootstrapConfigurationTests
{
    [Test]
    public async Task NothingIsSentAtConfigurationTimeOnlyWithTheFirstBatch()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString()).CreateLogger();
        await Task.Delay(200);
        Assert.That(server.Requests, Is.Empty, "configuring the logger talks to nobody");
        logger.Information("first");
        await server.WaitForDocumentsAsync(1, TimeSpan.FromSeconds(20));
        Assert.That(server.Requests.First().Path, Is.EqualTo("/"), "the first request asks who the server is");
    }

    [Test]
    public async Task EveryBootstrapOptionComesFromAppSettings()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var json = AppSettings.WithArgs($$"""
            {
              "hosts": "{{server.Url}}",
              "indexName": "traces-app",
              "bootstrapMode": "Failure",
              "templateName": "my-traces",
              "numberOfShards": 2,
              "numberOfReplicas": 1,
              "refreshInterval": "00:00:05",
              "templatePriority": 300,
              "dataStream": true,
              "retention": "30.00:00:00"
            }
            """);
        using (var logger = AppSettings.CreateLogger(json))
            logger.Information("configured from json");

        var template = server.Requests.Single(r => r.Method == "PUT" && r.Path == "/_index_template/my-traces").BodyText;
        Assert.That(template, Does.Contain("\"index_patterns\":[\"traces-app\"]").And.Contain("\"priority\":300").And.Contain("\"data_stream\":{}"));
        Assert.That(template, Does.Contain("\"number_of_shards\":2").And.Contain("\"number_of_replicas\":1").And.Contain("\"refresh_interval\":\"5s\""));
        Assert.That(template, Does.Contain("\"lifecycle\":{\"name\":\"my-traces-policy\"}"));
        Assert.That(server.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/_ilm/policy/", StringComparison.Ordinal)).Path, Is.EqualTo("/_ilm/policy/my-traces-policy"));
        Assert.That(server.Documents.Single().Source.TryGetProperty("@timestamp", out _), Is.True);
    }

    [TestCase("numberOfShards", "0")]
    [TestCase("numberOfReplicas", "-1")]
    [TestCase("templatePriority", "-5")]
    [TestCase("templateName", "\"Bad Name\"")]
    [TestCase("retention", "\"-1.00:00:00\"")]
    public void ABadBootstrapOptionFailsAtConfigurationTime(string setting, string value)
    {
        var json = AppSettings.WithArgs($$"""{ "hosts": "http://localhost:9200", "{{setting}}": {{value}} }""");
        var thrown = Assert.Catch(() => AppSettings.CreateLogger(json))!;
        var argument = thrown as ArgumentException ?? thrown.InnerException as ArgumentException;
        Assert.That(argument?.ParamName, Is.EqualTo(setting), thrown.ToString());
    }
}
