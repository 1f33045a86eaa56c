using System.Text;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// Basic, API key and bearer credentials against a loopback server that requires them; 401 and 403 are reported
/// with the server's reason, are neither retried nor failed over, and no secret reaches a report.
/// </summary>
public class AuthenticationTests
{
    const string User = "shipper";

    // Characters that need percent-encoding in a URL's user-info, and a colon that is part of the password.
    const string Password = "pa@ss:w/rd#1";
    const string EncodedPassword = "pa%40ss%3Aw%2Frd%231";

    const string KeyId = "VuaCfGcBCdbkQm-e5aOx";
    const string Key = "ui2lp2axTNmsyakw9tvNnw";
    const string Token = "dGhpcy1pcy1hLWJlYXJlci10b2tlbg-secret-token";

    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly List<IAsyncDisposable> _servers = [];

    static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    static string EncodedKey => Base64($"{KeyId}:{Key}");

    [TearDown]
    public async Task StopServers()
    {
        foreach (var server in _servers)
            await server.DisposeAsync();
        _servers.Clear();
    }

    async Task<FakeElasticsearch> Start(FakeElasticsearchOptions options)
    {
        var server = await FakeElasticsearch.StartAsync(options);
        _servers.Add(server);
        return server;
    }

    static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.That(condition(), Is.True, what);
    }

    /// <summary>Logs <paramref name="count"/> events, closes the logger; returns the fallback's events and the SelfLog.</summary>
    static (IReadOnlyList<Serilog.Events.LogEvent> Reported, SelfLogCollector SelfLog) Send(
        Func<Serilog.Configuration.LoggerSinkConfiguration, LoggerConfiguration> configure, int count = 1)
    {
        var fallback = new ListSink();
        var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration().WriteTo.FallbackChain(wt => configure(wt), wt => wt.Sink(fallback)).CreateLogger())
        {
            for (var i = 0; i < count; i++)
                logger.Information("authenticated {I}", i);
        }
        return (fallback.Events, selfLog);
    }

    static Logger Logger(WorkflowTraceSettingsBuilder builder, ILoggingFailureListener listener)
    {
        var sink = WorkflowTraceSinkFactory.Create(builder.Build());
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        return new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
    }

    static void AssertNoSecretIn(IEnumerable<string> texts, params string[] secrets)
    {
        var all = texts.ToList();
        Assert.That(all, Is.Not.Empty, "there is something to search");
        foreach (var secret in secrets)
            Assert.That(all, Has.None.Contains(secret), $"'{secret}' must never be reported");
    }

    static IEnumerable<string> TextsOf(RecordingFailureListener listener) =>
        listener.Failures.SelectMany(f => new[] { f.Message, f.Exception?.ToString() ?? "" });

    [Test]
    public async Task UsernameAndPasswordAreSentAsBasicCredentials()
    {
        var server = await Start(new FakeElasticsearchOptions { Username = User, Password = Password });

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), username: User, password: Password), count: 3);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.EqualTo(3), selfLog.Text);
            Assert.That(reported, Is.Empty);
            Assert.That(server.Requests, Is.Not.Empty);
            Assert.That(server.Requests.Select(r => r.Header("Authorization")), Has.All.EqualTo("Basic " + Base64($"{User}:{Password}")),
                "every request, bootstrap included, carries the credentials");
            Assert.That(selfLog.Text, Does.Not.Contain("the credentials were refused"));
        }
    }

    [Test]
    public async Task CredentialsInTheUrlAreDecodedAndSentAsBasicCredentials()
    {
        var server = await Start(new FakeElasticsearchOptions { Username = User, Password = Password });
        var url = $"http://{User}:{EncodedPassword}@127.0.0.1:{server.Url.Port}/";

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: url), count: 2);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.EqualTo(2), selfLog.Text);
            Assert.That(reported, Is.Empty);
            Assert.That(server.Requests.Select(r => r.Header("Authorization")), Has.All.EqualTo("Basic " + Base64($"{User}:{Password}")));
            Assert.That(server.Requests.Select(r => r.Path), Has.None.Contains("@"), "the user-info is not part of the request");
            Assert.That(selfLog.Text, Does.Not.Contain(EncodedPassword).And.Not.Contain(Password));
        }
    }

    [Test]
    public async Task RefusedCredentialsFromTheUrlNeverAppearInReports()
    {
        // The server wants another password: the failure is reported, naming the node but never the URL's secret.
        var server = await Start(new FakeElasticsearchOptions { Username = User, Password = "another password" });
        var url = $"http://{User}:{EncodedPassword}@127.0.0.1:{server.Url.Port}/";
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();

        using (var logger = Logger(new WorkflowTraceSettingsBuilder { Hosts = url, MaxRetries = 0 }, listener))
        {
            logger.Information("with credentials in the URL");
            await WaitFor(() => listener.Failures.Count > 0, "the refusal is reported");
        }

        Assert.That(server.DocumentCount, Is.Zero);
        Assert.That(selfLog.Text, Does.Contain("the credentials were refused").And.Contain($"unable to authenticate user [{User}]"));
        Assert.That(selfLog.Text, Does.Contain($"127.0.0.1:{server.Url.Port}"), "the node is named");
        var texts = selfLog.Lines.Concat(TextsOf(listener)).ToList();
        AssertNoSecretIn(texts, Password, EncodedPassword, "pa%40ss", $"{User}:", Base64($"{User}:{Password}"));
    }

    [TestCase("encoded")]
    [TestCase("id:key")]
    [TestCase("apiKeyId")]
    public async Task AnApiKeyIsAcceptedInEachOfItsForms(string form)
    {
        // Elasticsearch (and the fake) compare the encoded form: base64(id:key).
        var server = await Start(new FakeElasticsearchOptions { ApiKey = EncodedKey });
        var (apiKey, apiKeyId) = form switch
        {
            "encoded" => (EncodedKey, (string?)null),
            "id:key" => ($"{KeyId}:{Key}", null),
            _ => (Key, KeyId),
        };

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), apiKey: apiKey, apiKeyId: apiKeyId), count: 2);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.EqualTo(2), selfLog.Text);
            Assert.That(reported, Is.Empty);
            Assert.That(server.Requests.Select(r => r.Header("Authorization")), Has.All.EqualTo("ApiKey " + EncodedKey));
        }
    }

    [Test]
    public async Task ABearerTokenIsAccepted()
    {
        var server = await Start(new FakeElasticsearchOptions { BearerToken = Token });

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), bearerToken: Token), count: 2);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.EqualTo(2), selfLog.Text);
            Assert.That(reported, Is.Empty);
            Assert.That(server.Requests.Select(r => r.Header("Authorization")), Has.All.EqualTo("Bearer " + Token));
        }
    }

    [Test]
    public async Task AWrongBearerTokenIsRefusedAndTheEventsReported()
    {
        const string wrong = "d3JvbmctdG9rZW4-expired-token";
        var server = await Start(new FakeElasticsearchOptions { BearerToken = Token });

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: server.Url.ToString(), bearerToken: wrong, maxRetries: 0, bootstrapMode: WorkflowTraceBootstrapMode.None), count: 2);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.Zero);
            Assert.That(BulkRequests.Of(server).Select(r => r.Header("Authorization")), Has.All.EqualTo("Bearer " + wrong).And.Not.Empty);
            Assert.That(reported.Select(e => e.MessageTemplate.Text), Has.All.EqualTo("authenticated {I}"));
            Assert.That(reported.Select(e => e.Properties["I"].ToString()).Distinct().Count(), Is.EqualTo(2), "each event reported to the fallback");
            Assert.That(selfLog.Text, Does.Contain("status 401").And.Contain("the credentials were refused"));
            AssertNoSecretIn(selfLog.Lines, wrong, Token);
        }
    }

    [TestCase("password")]
    [TestCase("apiKey")]
    [TestCase("bearerToken")]
    public async Task A401IsReportedWithoutTheSecret(string scheme)
    {
        const string secret = "Sup3r-s3cret-value-42";
        var server = await Start(new FakeElasticsearchOptions { Username = "elastic", Password = "changeme" });
        var builder = new WorkflowTraceSettingsBuilder
        {
            Hosts = server.Url.ToString(),
            MaxRetries = 0,
            BootstrapMode = WorkflowTraceBootstrapMode.None,
        };
        string[] secrets;
        switch (scheme)
        {
            case "password":
                builder.Username = User;
                builder.Password = secret;
                secrets = [secret, Base64($"{User}:{secret}")];
                break;
            case "apiKey":
                builder.ApiKeyId = KeyId;
                builder.ApiKey = secret;
                secrets = [secret, Base64($"{KeyId}:{secret}")];
                break;
            default:
                builder.BearerToken = secret;
                secrets = [secret];
                break;
        }

        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        using (var logger = Logger(builder, listener))
        {
            logger.Information("refused");
            await WaitFor(() => listener.Failures.Count > 0, "the refusal is reported while the logger is open");
        }

        Assert.That(server.DocumentCount, Is.Zero);
        Assert.That(BulkRequests.Of(server), Is.Not.Empty);
        Assert.That(selfLog.Text, Does.Contain("status 401").And.Contain("the credentials were refused"));
        var first = listener.Failures[0];
        Assert.That(first.Message + first.Exception?.Message, Does.Contain("the credentials were refused"));
        Assert.That(first.Events.Single().MessageTemplate.Text, Is.EqualTo("refused"), "the listener gets the application's event");
        Assert.That(listener.Failures.SelectMany(f => f.Events).Select(e => e.MessageTemplate.Text), Has.All.EqualTo("refused"));
        Assert.That(listener.Failures.Any(f => f.Kind != LoggingFailureKind.Temporary), Is.True, "closing the logger gives the event up and says so");
        AssertNoSecretIn(selfLog.Lines.Concat(TextsOf(listener)), secrets);
    }

    [Test]
    public async Task A401IsReportedWithTheReasonFromItsBody()
    {
        // Elasticsearch never applies filter_path to an error body, so the reason reaches the client; a fault
        // sends that body as Elasticsearch does.
        const string reason = "unable to authenticate user [ingest] for REST request [/_bulk]";
        var server = await Start(new FakeElasticsearchOptions());
        server.Faults.FailWithStatus(401,
            body: $$"""{"error":{"root_cause":[{"type":"security_exception","reason":"{{reason}}"}],"type":"security_exception","reason":"{{reason}}"},"status":401}""",
            times: 100);
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        var builder = new WorkflowTraceSettingsBuilder
        {
            Hosts = server.Url.ToString(),
            Username = "ingest",
            Password = Password,
            MaxRetries = 3,
            BootstrapMode = WorkflowTraceBootstrapMode.None,
        };

        int bulkAtFirstReport;
        using (var logger = Logger(builder, listener))
        {
            logger.Information("refused");
            await WaitFor(() => listener.Failures.Count > 0, "the refusal is reported");
            bulkAtFirstReport = BulkRequests.Of(server).Count;
        }

        Assert.That(bulkAtFirstReport, Is.EqualTo(1), "a 401 is not retried within the attempt");
        Assert.That(server.DocumentCount, Is.Zero);
        var first = listener.Failures[0];
        Assert.That(first.Message + " " + first.Exception?.Message,
            Does.Contain("the credentials were refused").And.Contain("security_exception").And.Contain(reason));
        Assert.That(selfLog.Text, Does.Contain("the credentials were refused").And.Contain(reason));
        AssertNoSecretIn(selfLog.Lines.Concat(TextsOf(listener)), Password, Base64($"ingest:{Password}"));
    }

    [TestCase("{}")]
    [TestCase("""{"status":401}""")]
    public async Task A401WhoseBodyGivesNoReasonIsReportedAsSuch(string body)
    {
        // A proxy or gateway in front of the cluster may refuse with a body that names no error.
        var server = await Start(new FakeElasticsearchOptions());
        server.Faults.FailWithStatus(401, body: body, times: 100);
        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), username: User, password: Password,
            bootstrapMode: WorkflowTraceBootstrapMode.None));
        using (selfLog)
        {
            Assert.That(reported, Has.Count.EqualTo(1));
            Assert.That(selfLog.Text, Does.Contain("the credentials were refused").And.Contain("the server gave no reason"));
            Assert.That(selfLog.Text, Does.Not.Contain("body without an error"));
        }
    }

    [Test]
    public async Task TheServersOwnRefusalReachesTheReportWithItsReason()
    {
        // Error bodies are never trimmed by filter_path, so the reason of a real 401 is in the report.
        var server = await Start(new FakeElasticsearchOptions { Username = "elastic", Password = "changeme" });
        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), username: User, password: Password,
            bootstrapMode: WorkflowTraceBootstrapMode.None));
        using (selfLog)
        {
            Assert.That(reported, Has.Count.EqualTo(1));
            Assert.That(selfLog.Text, Does.Contain("the credentials were refused").And.Contain("security_exception")
                .And.Contain($"unable to authenticate user [{User}]"));
            AssertNoSecretIn(selfLog.Lines, Password, Base64($"{User}:{Password}"));
        }
    }

    [Test]
    public async Task A401IsNeitherRetriedNorFailedOverToAnotherNode()
    {
        await using var cluster = await FakeElasticsearchCluster.StartAsync(2, new FakeElasticsearchOptions { Username = "elastic", Password = "changeme" });
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        var builder = new WorkflowTraceSettingsBuilder
        {
            Hosts = string.Join(",", cluster.Urls),
            Username = User,
            Password = Password,
            // Retries allowed: they must not be spent on an answer that retrying cannot change.
            MaxRetries = 3,
            BootstrapMode = WorkflowTraceBootstrapMode.None,
        };

        IReadOnlyList<RecordedRequest> requestsAtFirstReport;
        using (var logger = Logger(builder, listener))
        {
            logger.Information("refused everywhere");
            await WaitFor(() => listener.Failures.Count > 0, "the refusal is reported");
            // The attempt is over once it is reported; Serilog's batching retries the batch only seconds later.
            requestsAtFirstReport = cluster.Requests;
        }

        var bulk = requestsAtFirstReport.Where(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal)).ToList();
        Assert.That(bulk, Has.Count.EqualTo(1), "one bulk request for the attempt: no retry, no failover");
        Assert.That(requestsAtFirstReport.GroupBy(r => r.Method + " " + r.Path).Select(g => g.Count()), Has.All.EqualTo(1),
            "nothing else (the server check before the first batch included) was retried or failed over either");
        Assert.That(selfLog.Text, Does.Contain("the credentials were refused"));
        Assert.That(selfLog.Text, Does.Not.Contain("out of rotation"), "a node that answers 401 is not dead");
        Assert.That(selfLog.Text, Does.Not.Contain("retry 1 of"));
        Assert.That(cluster.DocumentCount, Is.Zero);
    }

    [Test]
    public async Task A403OnTheWholeRequestNamesTheMissingPrivilegeAndIsNotRetried()
    {
        var server = await Start(new FakeElasticsearchOptions { Username = User, Password = Password });
        server.Faults.FailWithStatus(403, times: 100);
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        var builder = new WorkflowTraceSettingsBuilder
        {
            Hosts = server.Url.ToString(),
            IndexName = "traces-auth",
            Username = User,
            Password = Password,
            MaxRetries = 3,
            BootstrapMode = WorkflowTraceBootstrapMode.None,
        };

        int bulkAtFirstReport;
        using (var logger = Logger(builder, listener))
        {
            logger.Information("not allowed");
            await WaitFor(() => listener.Failures.Count > 0, "the refusal is reported");
            bulkAtFirstReport = BulkRequests.Of(server).Count;
        }

        Assert.That(bulkAtFirstReport, Is.EqualTo(1), "not retried within the attempt");
        Assert.That(server.DocumentCount, Is.Zero);
        var first = listener.Failures[0];
        var text = first.Message + " " + first.Exception?.Message;
        Assert.That(text, Does.Contain("the user lacks a privilege").And.Contain("'create_doc'").And.Contain("traces-auth"));
        Assert.That(text, Does.Contain("security_exception").And.Contain("is unauthorized for user"), "the server's reason is kept");
        Assert.That(selfLog.Text, Does.Contain("the user lacks a privilege"));
        AssertNoSecretIn(selfLog.Lines.Concat(TextsOf(listener)), Password, Base64($"{User}:{Password}"));
    }

    [Test]
    public async Task AUserWhoMayNotWriteGetsEachEventReportedNamingThePrivilege()
    {
        // Elasticsearch authorizes bulk writes per index: the request succeeds and every item is a 403.
        var server = await Start(new FakeElasticsearchOptions { Username = User, Password = Password, Forbidden = ["_bulk"] });

        var (reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: server.Url.ToString(), username: User, password: Password, bootstrapMode: WorkflowTraceBootstrapMode.None), count: 2);
        using (selfLog)
        {
            Assert.That(server.DocumentCount, Is.Zero);
            Assert.That(reported, Has.Count.EqualTo(2), "both events reported");
            var sent = BulkRequests.Of(server).SelectMany(BulkRequests.Ids).ToList();
            Assert.That(sent, Has.Count.EqualTo(2).And.Unique, "a refusal is final: no document is sent again");
            Assert.That(selfLog.Text, Does.Contain("status 403").And.Contain("security_exception")
                .And.Contain($"is unauthorized for user [{User}]").And.Contain("create_doc"));
            AssertNoSecretIn(selfLog.Lines, Password, Base64($"{User}:{Password}"));
        }
    }
}
