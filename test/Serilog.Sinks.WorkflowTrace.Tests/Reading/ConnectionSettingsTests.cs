using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Serilog.Sinks.WorkflowTrace.AppSettingsBinding;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// One connection for writing and reading: the appsettings.json that configures the sink's <c>WriteTo</c> entry
/// configures the reader too, read by the same conversion, so both reach the same cluster with the same credentials;
/// the environment variables do the same; what is wrong is refused naming the setting (or variable), never a credential.
/// </summary>
public partial class ConnectionSettingsTests
{
    const string Secret = "Xk9-s3cr3t-Zq";

    static IConfiguration Json(string json) => AppSettings.Parse(json);

    static string SerilogSection(string writeTo) => $$"""
        { "Serilog": { "Using": [ "Serilog.Sinks.WorkflowTrace" ], "MinimumLevel": "Verbose", "WriteTo": {{writeTo}} } }
        """;

    static string AuthorizationOf(RecordedRequest request) => request.Header("Authorization") ?? "(none)";

    [Test]
    public async Task TheJsonThatConfiguresTheSinkConnectsTheReaderToTheSameServerWithTheSameCredentials()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "reader", Password = Secret });
        var json = AppSettings.WithArgs($$"""{ "hosts": "{{server.Url}}", "username": "reader", "password": "{{Secret}}", "indexName": "shared-traces" }""");

        using (var logger = AppSettings.CreateLogger(json))
            logger.Information("written through the sink");
        using var reader = WorkflowTraceReader.FromConfiguration(Json(json));
        var info = await reader.Client.ServerAsync(CancellationToken.None);

        Assert.That(server.DocumentCount, Is.EqualTo(1), "the sink wrote with these credentials");
        Assert.That(info.Version.Major, Is.GreaterThan(0), "the reader was let in with the same credentials");
        var bulk = server.Requests.First(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        var root = server.Requests.Last(r => r.Path == "/");
        Assert.That(AuthorizationOf(root), Is.EqualTo(AuthorizationOf(bulk)));
        var header = AuthenticationHeaderValue.Parse(AuthorizationOf(root));
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)), Is.EqualTo($"reader:{Secret}"));
        Assert.That(reader.Index, Is.EqualTo("shared-traces"));
        Assert.That(server.Documents.Single().Index, Is.EqualTo(reader.Index));
    }

    [Test]
    public async Task AReaderConfiguredFromTheSinksJsonCountsWhatTheSinkWrote()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ApiKey = Secret });
        var json = AppSettings.WithArgs($$"""{ "hosts": "{{server.Url}}", "apiKey": "{{Secret}}", "indexName": "counted-traces" }""");
        using (var logger = AppSettings.CreateLogger(json))
        {
            for (var i = 0; i < 3; i++)
                logger.Information("event {I}", i);
        }
        using var reader = WorkflowTraceReader.FromConfiguration(Json(json));

        var count = await reader.CountAsync(TraceQuery.All);

        Assert.That(count, Is.EqualTo(3));
    }

    [Test]
    public async Task WriteToAsAnObjectOfNamedEntriesConfiguresTheSinkAndTheReaderAlike()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var json = SerilogSection($$"""{ "Traces": { "Name": "WorkflowTrace", "Args": { "hosts": "{{server.Url}}", "indexName": "named-entry-traces" } } }""");

        using (var logger = AppSettings.CreateLogger(json))
            logger.Information("written");
        using var reader = WorkflowTraceReader.FromConfiguration(Json(json));
        await reader.Client.ServerAsync(CancellationToken.None);

        Assert.That(server.Documents.Single().Index, Is.EqualTo("named-entry-traces"));
        Assert.That(reader.Index, Is.EqualTo("named-entry-traces"));
        Assert.That(server.Requests.Last().Path, Is.EqualTo("/"), "the reader asked the same server");
    }

    [Test]
    public void TheEntryIsFoundAmongOtherSinksAndUnderAnotherSectionName()
    {
        var json = """
            { "Logging": { "Serilog": { "WriteTo": [
                "Console",
                { "Name": "File", "Args": { "path": "log.txt" } },
                { "Name": "WorkflowTrace", "Args": { "HOSTS": "http://es.example:9200", "IndexName": "app-traces-{0:yyyy.MM}", "TIMEOUT": "00:00:07" } }
            ] } } }
            """;

        var options = WorkflowTraceConnection.FromConfiguration(Json(json), "Logging:Serilog");

        Assert.That(options.Hosts, Is.EqualTo("http://es.example:9200"), "argument names match case-insensitively, as for the sink");
        Assert.That(options.IndexName, Is.EqualTo("app-traces-{0:yyyy.MM}"));
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void AnEntryWithoutArgsGivesTheSinksDefaults()
    {
        var options = WorkflowTraceConnection.FromConfiguration(Json(SerilogSection("""[ "WorkflowTrace" ]""")));

        Assert.That(options.Hosts, Is.Null);
        Assert.That(options.IndexName, Is.EqualTo(new WorkflowTraceSinkOptions().IndexName));
    }

    [Test]
    public void AmongSeveralEntriesThePathOfOneChoosesItAndWithoutItTheRefusalNamesThem()
    {
        var json = SerilogSection("""
            [ { "Name": "WorkflowTrace", "Args": { "indexName": "first" } }, { "Name": "WorkflowTrace", "Args": { "indexName": "second" } } ]
            """);

        var refused = Assert.Throws<InvalidOperationException>(() => WorkflowTraceConnection.FromConfiguration(Json(json)))!;
        var chosen = WorkflowTraceConnection.FromConfiguration(Json(json), "Serilog:WriteTo:1");

        Assert.That(refused.Message, Does.Contain("Serilog:WriteTo:0").And.Contain("Serilog:WriteTo:1").And.Contain("section"));
        Assert.That(chosen.IndexName, Is.EqualTo("second"));
    }

    [TestCase("""{ "Other": {} }""", "'Serilog'")]
    [TestCase("""{ "Serilog": { "MinimumLevel": "Debug" } }""", "'Serilog' has no WriteTo entries")]
    [TestCase("""{ "Serilog": { "WriteTo": [ "Console", { "Name": "File" } ] } }""", "'Serilog:WriteTo' has no entry named \"WorkflowTrace\" (its entries: \"Console\", \"File\")")]
    public void WithoutAWorkflowTraceEntryTheRefusalNamesTheSectionLookedIn(string json, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => WorkflowTraceConnection.FromConfiguration(Json(json)))!;

        Assert.That(refused.Message, Does.Contain(expected));
    }

    [Test]
    public async Task ANameDifferingInCaseConfiguresNoSinkAndTheReaderSaysSo()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var json = SerilogSection($$"""[ { "Name": "workflowTrace", "Args": { "hosts": "{{server.Url}}" } } ]""");

        using (var logger = AppSettings.CreateLogger(json))
            logger.Information("goes nowhere");
        var refused = Assert.Throws<InvalidOperationException>(() => WorkflowTraceConnection.FromConfiguration(Json(json)))!;

        Assert.That(server.Requests, Is.Empty, "Serilog.Settings.Configuration matches the method name exactly: no sink was configured");
        Assert.That(refused.Message, Does.Contain("\"workflowTrace\" differs only in case"));
    }

    [TestCase("timeout", "\"30 seconds\"")]
    [TestCase("bufferSize", "\"many\"")]
    [TestCase("dataStream", "\"yes\"")]
    [TestCase("bootstrapMode", "\"Eventually\"")]
    [TestCase("hosts", "\"ftp://es.example\"")]
    [TestCase("verifyCertificates", "\"maybe\"")]
    public void ABadArgIsRefusedWithTheSinksOwnMessage(string setting, string value)
    {
        var json = AppSettings.WithArgs(setting == "hosts" ? $$"""{ "hosts": {{value}} }""" : $$"""{ "hosts": "http://127.0.0.1:1", "{{setting}}": {{value}} }""");

        var sink = Assert.Catch(() => AppSettings.CreateLogger(json).Dispose())!;
        var reader = Assert.Catch<ArgumentException>(() => WorkflowTraceConnection.FromConfiguration(Json(json)))!;

        var sinkRefusal = sink as ArgumentException ?? sink.InnerException as ArgumentException;
        Assert.That(sinkRefusal, Is.Not.Null, sink.ToString());
        Assert.That(reader.ParamName, Is.EqualTo(setting));
        Assert.That(reader.Message, Is.EqualTo(sinkRefusal!.Message));
    }

    [Test]
    public void AVariableInAValueIsExpandedAsTheSinkExpandsIt()
    {
        var variable = "WORKFLOWTRACE_TEST_INDEX_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "expanded-traces");
        try
        {
            var options = WorkflowTraceConnection.FromConfiguration(Json(AppSettings.WithArgs($$"""{ "indexName": "%{{variable}}%", "tags": [ "env:%{{variable}}%" ] }""")));

            Assert.That(options.IndexName, Is.EqualTo("expanded-traces"));
            Assert.That(options.Tags, Is.EqualTo(new[] { "env:expanded-traces" }));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TestCase("""{ "hostList": "http://es.example:9200" }""", "hostList", "a list")]
    [TestCase("""{ "hosts": [ "http://es.example:9200" ] }""", "hosts", "a single value")]
    public void AValueOfTheWrongShapeIsRefusedNamingTheSetting(string args, string setting, string expected)
    {
        var refused = Assert.Catch<ArgumentException>(() => WorkflowTraceConnection.FromConfiguration(Json(AppSettings.WithArgs(args))))!;

        Assert.That(refused.ParamName, Is.EqualTo(setting));
        Assert.That(refused.Message, Does.Contain(expected));
    }

    [Test]
    public void TheConversionTakesEveryArgOfTheSinksAppSettingsEntryButThePipelineOnes()
    {
        var entry = typeof(WorkflowTraceAppSettingsExtensions).GetMethod(nameof(WorkflowTraceAppSettingsExtensions.WorkflowTrace))!;
        string[] pipelineOnly = ["loggerSinkConfiguration", "restrictedToMinimumLevel", "levelSwitch"];

        static string Describe(ParameterInfo p) => $"{p.ParameterType.Name} {p.Name} = {p.DefaultValue ?? "null"}";

        Assert.That(AppSettingsArgs.Parameters.Select(Describe),
            Is.EqualTo(entry.GetParameters().Where(p => !pipelineOnly.Contains(p.Name)).Select(Describe)));
    }
}
