using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrapping;

/// <summary>The index template installs itself before the first write, once, on every kind of cluster.</summary>
public class IndexBootstrapTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    static IReadOnlyList<RecordedRequest> To(FakeElasticsearch server, string method, string pathContains) =>
        server.Requests.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    static async Task<JsonElement> GetJsonAsync(FakeElasticsearch server, string path)
    {
        using var client = new HttpClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri(server.Url, path))).RootElement.Clone();
    }

    [Test]
    public async Task TheFirstWriteInstallsTheTemplateOnceAndTheIndexGetsTheContractMapping()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bufferSize: 2).CreateLogger())
        {
            for (var i = 0; i < 7; i++)
                logger.ForContext("RunId", "run-1").Information("event {I}", i);
        }

        Assert.That(To(server, "GET", "/").Count(r => r.Path == "/"), Is.EqualTo(1), "GET / once");
        Assert.That(To(server, "PUT", "/_index_template/workflow-traces"), Has.Count.EqualTo(1));
        Assert.That(server.DocumentCount, Is.EqualTo(7));
        var firstBulk = server.Requests.ToList().FindIndex(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal));
        var templatePut = server.Requests.ToList().FindIndex(r => r.Method == "PUT" && r.Path.Contains("_index_template", StringComparison.Ordinal));
        Assert.That(templatePut, Is.LessThan(firstBulk), "the template is in place before the first document");

        var mapping = (await GetJsonAsync(server, "workflow-traces/_mapping")).GetProperty("workflow-traces").GetProperty("mappings").GetProperty("properties");
        Assert.That(mapping.GetProperty("ip_address").GetProperty("type").GetString(), Is.EqualTo("ip"));
        Assert.That(mapping.GetProperty("thread").GetProperty("type").GetString(), Is.EqualTo("long"));
        Assert.That(mapping.GetProperty("run_id").GetProperty("type").GetString(), Is.EqualTo("keyword"));
        Assert.That(mapping.GetProperty("@timestamp").GetProperty("type").GetString(), Is.EqualTo("alias"));
    }

    [Test]
    public async Task ManyThreadsLoggingAtStartUpStillInstallItOnce()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bufferSize: 5).CreateLogger())
        {
            var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
            {
                for (var i = 0; i < 20; i++)
                    logger.Information("thread {T} event {I}", t, i);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        Assert.That(To(server, "PUT", "_index_template"), Has.Count.EqualTo(1));
        Assert.That(server.DocumentCount, Is.EqualTo(160));
    }

    [Test]
    public async Task AnInstalledTemplateWithTheSameHashIsNotWrittenAgainButAChangedOneIs()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        foreach (var replicas in new[] { 0, 0, 1 })
        {
            using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), numberOfReplicas: replicas).CreateLogger();
            logger.Information("with {Replicas} replicas", replicas);
        }

        Assert.That(To(server, "GET", "_index_template"), Has.Count.EqualTo(3), "each sink looks");
        Assert.That(To(server, "PUT", "_index_template"), Has.Count.EqualTo(2), "the second sink found the same hash; the third changed the settings");
        var stored = (await GetJsonAsync(server, "_index_template/workflow-traces")).GetProperty("index_templates")[0].GetProperty("index_template");
        Assert.That(stored.GetProperty("template").GetProperty("settings").GetProperty("index").GetProperty("number_of_replicas").ToString(), Is.EqualTo("1"));
    }

    [Test]
    public async Task InSilentModeAFailedInstallIsReportedEventsStillShipAndTheNextBatchTriesAgain()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        // The look-up and the install of the first batch both fail.
        server.Faults.FailWithStatus(500, times: 2, pathContains: "_index_template");
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), maxRetries: 0, flushInterval: TimeSpan.FromMilliseconds(100))
                   .CreateLogger())
        {
            logger.Information("first batch");
            await server.WaitForDocumentsAsync(1, Patience);
            logger.Information("second batch");
            await server.WaitForDocumentsAsync(2, Patience);
        }

        Assert.That(selfLog.Text, Does.Contain("index bootstrap failed").And.Contain("tried again with the next batch"));
        Assert.That(To(server, "PUT", "_index_template"), Has.Count.EqualTo(2), "failed with the first batch, installed with the second");
        Assert.That((await GetJsonAsync(server, "_index_template/workflow-traces")).GetProperty("index_templates").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task InFailureModeNothingShipsUntilTheTemplateIsInPlaceAndNothingIsDropped()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        server.Faults.FailWithStatus(503, times: 2, pathContains: "_index_template");
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bootstrapMode: WorkflowTraceBootstrapMode.Failure, maxRetries: 0,
                       flushInterval: TimeSpan.FromMilliseconds(100))
                   .CreateLogger())
        {
            for (var i = 0; i < 5; i++)
                logger.Information("waits for the template {I}", i);
            await server.WaitForDocumentsAsync(5, Patience);
        }

        var requests = server.Requests.ToList();
        var templatePut = requests.FindIndex(r => r.Method == "PUT" && r.Path.Contains("_index_template", StringComparison.Ordinal));
        Assert.That(templatePut, Is.GreaterThanOrEqualTo(0));
        Assert.That(requests.Take(templatePut).Any(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal)), Is.False, "no bulk before the template");
        Assert.That(server.DocumentCount, Is.EqualTo(5));
    }

    [Test]
    public async Task InNoneModeTemplatesAreNeverTouched()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bootstrapMode: WorkflowTraceBootstrapMode.None).CreateLogger())
            logger.Information("no template");

        Assert.That(server.Requests.Where(r => r.Path.Contains("template", StringComparison.Ordinal) || r.Path.Contains("_ilm", StringComparison.Ordinal)), Is.Empty);
        Assert.That(server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ElasticsearchBefore78GetsALegacyTemplate()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = RootResponses.Elasticsearch771 });
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString()).CreateLogger())
            logger.Information("on 7.7");

        Assert.That(To(server, "PUT", "/_template/workflow-traces"), Has.Count.EqualTo(1));
        Assert.That(To(server, "PUT", "_index_template"), Is.Empty);
        Assert.That(server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ADataStreamGetsATimestampAndTheCreateAction()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), indexName: "workflow-traces-app", dataStream: true).CreateLogger())
            logger.Information("into a data stream");

        var document = server.Documents.Single();
        Assert.That(document.Index, Is.EqualTo("workflow-traces-app"));
        Assert.That(document.Source.GetProperty("@timestamp").GetString(), Is.EqualTo(document.Source.GetProperty("datetime").GetString()));
        var stored = (await GetJsonAsync(server, "_index_template/workflow-traces-app")).GetProperty("index_templates")[0].GetProperty("index_template");
        Assert.That(stored.TryGetProperty("data_stream", out _), Is.True);
    }

    [Test]
    public async Task APlainIndexNeverWritesTheTimestampAlias()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString()).CreateLogger())
            logger.Information("plain");
        Assert.That(server.Documents.Single().Source.TryGetProperty("@timestamp", out _), Is.False, "Elasticsearch rejects a value for an alias field");
    }

    [Test]
    public async Task ATimeBasedIndexNameGetsAWildcardTemplate()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString(), indexName: "workflow-traces-{0:yyyy.MM.dd}").CreateLogger())
            logger.Information("daily");

        var stored = (await GetJsonAsync(server, "_index_template/workflow-traces")).GetProperty("index_templates")[0].GetProperty("index_template");
        Assert.That(stored.GetProperty("index_patterns")[0].GetString(), Is.EqualTo("workflow-traces-*"));
        var index = server.Documents.Single().Index;
        var mapping = (await GetJsonAsync(server, $"{index}/_mapping")).GetProperty(index).GetProperty("mappings").GetProperty("properties");
        Assert.That(mapping.GetProperty("ip_address").GetProperty("type").GetString(), Is.EqualTo("ip"));
    }
}
