using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

public partial class ConnectionSettingsTests
{
    static Dictionary<string, string?> Variables(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    static void AssertShowsNoSecret(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            Assert.That(e.Message, Does.Not.Contain(Secret), $"{e.GetType().Name}.Message shows a credential");
        Assert.That(exception.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public void EveryVariableSetsTheSettingItStandsFor()
    {
        var options = WorkflowTraceConnection.FromEnvironment(Variables(
            ("WORKFLOWTRACE_ES_URL", "https://es1.example:9200, https://es2.example:9200"),
            ("WORKFLOWTRACE_INDEX", "env-traces"),
            ("WORKFLOWTRACE_DATA_STREAM", "true"),
            ("WORKFLOWTRACE_USERNAME", "reader"),
            ("WORKFLOWTRACE_PASSWORD", Secret),
            ("WORKFLOWTRACE_CERTIFICATE_FINGERPRINT", new string('a', 64)),
            ("WORKFLOWTRACE_TIMEOUT", "00:00:45"),
            ("WORKFLOWTRACE_MAX_RETRIES", "5"),
            ("WORKFLOWTRACE_COMPRESS_REQUESTS", "false")));

        Assert.Multiple(() =>
        {
            Assert.That(options.Hosts, Is.EqualTo("https://es1.example:9200, https://es2.example:9200"));
            Assert.That(options.IndexName, Is.EqualTo("env-traces"));
            Assert.That(options.DataStream, Is.True);
            Assert.That(options.Username, Is.EqualTo("reader"));
            Assert.That(options.Password, Is.EqualTo(Secret));
            Assert.That(options.CertificateFingerprint, Is.EqualTo(new string('a', 64)));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
            Assert.That(options.MaxRetries, Is.EqualTo(5));
            Assert.That(options.CompressRequests, Is.False);
        });
    }

    [Test]
    public void AnApiKeyOrABearerTokenIsTakenInsteadOfAUserAndPassword()
    {
        var apiKey = WorkflowTraceConnection.FromEnvironment(Variables(("WORKFLOWTRACE_API_KEY_ID", "key-id"), ("WORKFLOWTRACE_API_KEY", "key-value")));
        var bearer = WorkflowTraceConnection.FromEnvironment(Variables(("WORKFLOWTRACE_BEARER_TOKEN", "token")));

        Assert.That((apiKey.ApiKeyId, apiKey.ApiKey), Is.EqualTo(("key-id", "key-value")));
        Assert.That(bearer.BearerToken, Is.EqualTo("token"));
    }

    [Test]
    public void AbsentOrBlankVariablesLeaveTheSinksDefaults()
    {
        var defaults = new WorkflowTraceSinkOptions();

        var options = WorkflowTraceConnection.FromEnvironment(Variables(("WORKFLOWTRACE_INDEX", "  "), ("WORKFLOWTRACE_TIMEOUT", "")));

        Assert.That(options.Hosts, Is.Null, "http://localhost:9200, as for the sink");
        Assert.That(options.IndexName, Is.EqualTo(defaults.IndexName));
        Assert.That(options.Timeout, Is.EqualTo(defaults.Timeout));
    }

    [Test]
    public async Task AReaderFromTheEnvironmentReachesTheServerWithItsCredentials()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "reader", Password = Secret });
        using var reader = new WorkflowTraceReader(WorkflowTraceConnection.FromEnvironment(Variables(
            ("WORKFLOWTRACE_ES_URL", server.Url.ToString()), ("WORKFLOWTRACE_USERNAME", "reader"), ("WORKFLOWTRACE_PASSWORD", Secret))));

        await reader.Client.ServerAsync(CancellationToken.None);

        Assert.That(server.Requests.Single().Header("Authorization"), Does.StartWith("Basic "));
    }

    [Test]
    public async Task AReaderFromTheEnvironmentTrustsTheAuthorityItNames()
    {
        using var certificates = Support.TestCertificates.Create();
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ServerCertificate = certificates.Server });
        using var reader = new WorkflowTraceReader(WorkflowTraceConnection.FromEnvironment(Variables(
            ("WORKFLOWTRACE_ES_URL", server.Url.ToString()), ("WORKFLOWTRACE_CA_CERTIFICATE", certificates.AuthorityPemPath))));

        await reader.Client.ServerAsync(CancellationToken.None);

        Assert.That(server.Url.Scheme, Is.EqualTo("https"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [NonParallelizable]
    public async Task WithoutADictionaryTheProcessEnvironmentIsRead()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        string[] names = ["WORKFLOWTRACE_ES_URL", "WORKFLOWTRACE_INDEX"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("WORKFLOWTRACE_ES_URL", server.Url.ToString());
            Environment.SetEnvironmentVariable("WORKFLOWTRACE_INDEX", "process-traces");

            using var reader = WorkflowTraceReader.FromEnvironment();
            await reader.Client.ServerAsync(CancellationToken.None);

            Assert.That(reader.Index, Is.EqualTo("process-traces"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            foreach (var (name, value) in saved)
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    [TestCase("WORKFLOWTRACE_TIMEOUT", "30 seconds", "'timeout'")]
    [TestCase("WORKFLOWTRACE_DATA_STREAM", "yes", "'dataStream'")]
    [TestCase("WORKFLOWTRACE_MAX_RETRIES", "three", "'maxRetries'")]
    [TestCase("WORKFLOWTRACE_ES_URL", "not a url", "'hosts'")]
    public void ABadVariableIsRefusedNamingTheVariableAndTheSetting(string variable, string value, string setting)
    {
        var refused = Assert.Catch<ArgumentException>(() => WorkflowTraceConnection.FromEnvironment(Variables((variable, value))))!;

        Assert.That(refused.ParamName, Is.EqualTo(variable));
        Assert.That(refused.Message, Does.StartWith($"Environment variable {variable}: ").And.Contain(setting));
    }

    [Test]
    public void AHostUrlWithAnUnreadablePasswordIsRefusedWithoutShowingIt()
    {
        var refused = Assert.Catch<ArgumentException>(() =>
            WorkflowTraceConnection.FromEnvironment(Variables(("WORKFLOWTRACE_ES_URL", $"https://elastic:{Secret}/x@es.example:9200"))))!;

        Assert.That(refused.ParamName, Is.EqualTo("WORKFLOWTRACE_ES_URL"));
        AssertShowsNoSecret(refused);
    }

    [Test]
    public async Task AWrongPasswordFromConfigurationIsRefusedByTheServerWithoutTheMessageShowingIt()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "reader", Password = "the-right-one" });
        var json = Support.AppSettings.WithArgs($$"""{ "hosts": "{{server.Url}}", "username": "reader", "password": "{{Secret}}" }""");
        using var reader = WorkflowTraceReader.FromConfiguration(Json(json));

        var refused = Assert.ThrowsAsync<TraceAccessDeniedException>(() => reader.Client.ServerAsync(CancellationToken.None))!;

        AssertShowsNoSecret(refused);
    }

    [Test]
    public void AnUnreadableHostUrlInConfigurationIsRefusedWithoutShowingThePassword()
    {
        var json = Support.AppSettings.WithArgs($$"""{ "hosts": "https://elastic:{{Secret}}/x@es.example:9200" }""");

        var refused = Assert.Catch<ArgumentException>(() => WorkflowTraceConnection.FromConfiguration(Json(json)))!;

        Assert.That(refused.ParamName, Is.EqualTo("hosts"));
        AssertShowsNoSecret(refused);
    }
}
