using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// Every option through <c>ReadFrom.Configuration</c> with real appsettings.json text, observed in what the sink
/// sends — the documents and requests the loopback server receives.
/// </summary>
public class AppSettingsConfigurationTests : LoopbackServerTest
{

    string Url => Server.Url.ToString();

    JsonElement SingleDocument(string args, Action<ILogger>? log = null)
    {
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs(args)))
            (log ?? (l => l.Information("configured")))(logger);
        return Server.Documents.Single().Source;
    }

    [Test]
    public void HostsAsOneUrl()
    {
        SingleDocument($$"""{ "hosts": "{{Url}}" }""");
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task HostsAsASeparatedStringSpreadRequestsOverEveryNode()
    {
        await using var second = await FakeElasticsearch.StartAsync();
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}; {{second.Url}}", "bufferSize": 1 }""")))
        {
            for (var i = 0; i < 6; i++)
                logger.Information("event {I}", i);
        }
        Assert.That(Server.DocumentCount, Is.GreaterThan(0));
        Assert.That(second.DocumentCount, Is.GreaterThan(0));
        Assert.That(Server.DocumentCount + second.DocumentCount, Is.EqualTo(6));
    }

    [Test]
    public async Task HostListAsAJsonArray()
    {
        await using var second = await FakeElasticsearch.StartAsync();
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hostList": [ "{{Url}}", "{{second.Url}}" ], "bufferSize": 1 }""")))
        {
            for (var i = 0; i < 4; i++)
                logger.Information("event {I}", i);
        }
        Assert.That(Server.DocumentCount, Is.GreaterThan(0));
        Assert.That(second.DocumentCount, Is.GreaterThan(0));
    }

    [Test]
    public void IndexName()
    {
        SingleDocument($$"""{ "hosts": "{{Url}}", "indexName": "custom-traces" }""");
        Assert.That(Server.Documents.Single().Index, Is.EqualTo("custom-traces"));
    }

    [Test]
    public async Task UsernameAndPasswordAreSentAsBasicAuthentication()
    {
        await using var secured = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "elastic", Password = "changeme" });
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{secured.Url}}", "username": "elastic", "password": "changeme" }""")))
            logger.Information("authenticated");
        Assert.That(secured.DocumentCount, Is.EqualTo(1));
        var header = AuthenticationHeaderValue.Parse(BulkRequests.Of(secured).Single().Headers["Authorization"]);
        Assert.That(header.Scheme, Is.EqualTo("Basic"));
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)), Is.EqualTo("elastic:changeme"));
    }

    [Test]
    public async Task AnApiKeyIsSentInTheApiKeyScheme()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("key-id:key-secret"));
        await using var secured = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ApiKey = encoded });
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{secured.Url}}", "apiKey": "key-id:key-secret" }""")))
            logger.Information("authenticated");
        Assert.That(secured.DocumentCount, Is.EqualTo(1));
        Assert.That(BulkRequests.Of(secured).Single().Headers["Authorization"], Is.EqualTo("ApiKey " + encoded));
    }

    [Test]
    public void BufferSize()
    {
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "bufferSize": 3 }""")))
        {
            for (var i = 0; i < 10; i++)
                logger.Information("event {I}", i);
        }
        Assert.That(BulkRequests.Of(Server).Select(r => BulkRequests.Ids(r).Count), Has.All.LessThanOrEqualTo(3));
        Assert.That(Server.DocumentCount, Is.EqualTo(10));
    }

    [Test]
    public async Task FlushInterval()
    {
        using var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "flushInterval": "00:00:00.100" }"""));
        logger.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);
        logger.Information("second");
        // The default interval is 2 s; this arrives after 100 ms, without Dispose and with an unfilled buffer.
        await Server.WaitForDocumentsAsync(2, Patience);
    }

    [Test]
    public async Task TimeoutBoundsEachRequest()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(10));
        using var selfLog = new SelfLogCollector();
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "timeout": "00:00:00.500", "maxRetries": 1 }""")))
        {
            logger.Information("slow server");
            await Server.WaitForDocumentsAsync(1, Patience);
        }
        Assert.That(selfLog.Text, Does.Contain("timeout of 0.5 s"));
        Assert.That(Server.DocumentCount, Is.EqualTo(1), "the retry after the timeout delivered it once");
    }

    [Test]
    public async Task MaxRetriesRetriesWithinTheAttempt()
    {
        Server.Faults.FailWithStatus(503, times: 2);
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "maxRetries": 2 }""")))
        {
            logger.Information("retried");
            await Server.WaitForDocumentsAsync(1, Patience);
        }
        Assert.That(BulkRequests.Of(Server), Has.Count.EqualTo(3), "one attempt and two retries");
    }

    [Test]
    public void MaxRetriesZeroMeansASingleRequestPerAttempt()
    {
        Server.Faults.FailWithStatus(503, times: 1);
        var fallback = new ListSink();
        var json = AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "maxRetries": 0, "flushInterval": "01:00:00" }""");
        using (var logger = AppSettings.CreateLogger(json))
            logger.Information("once");
        // One failed request in the attempt, then the final delivery at Dispose.
        Assert.That(BulkRequests.Of(Server), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task QueueLimitTurnsAwayAndReportsWhatDoesNotFit()
    {
        Server.Faults.Delay(TimeSpan.FromSeconds(2));
        using var selfLog = new SelfLogCollector();
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "queueLimit": 5, "bufferSize": 5 }""")))
        {
            logger.Information("first, held up by the slow server");
            while (BulkRequests.Of(Server).Count == 0)
                await Task.Delay(10);
            for (var i = 0; i < 20; i++)
                logger.Information("burst {I}", i);
        }
        // One line when dropping starts, one with the count and the time span when it ends — not one per event.
        Assert.That(selfLog.Lines.Count(l => l.Contains("queue is full (5 events waiting): events are dropped from")), Is.EqualTo(1));
        var summary = selfLog.Lines.Single(l => l.Contains("were dropped because the queue was full"));
        var turnedAway = int.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"(\d+) event\(s\) were dropped").Groups[1].Value);
        Assert.That(summary, Does.Match(@"from \d{4}-\d\d-\d\dT.* to \d{4}-\d\d-\d\dT"), "since when, until when");
        Assert.That(turnedAway, Is.GreaterThan(0));
        Assert.That(Server.DocumentCount + turnedAway, Is.EqualTo(21), "every event delivered or reported");
    }

    [Test]
    public void LevelSwitchDeclaredInAppSettings()
    {
        var json = $$"""
            {
              "Serilog": {
                "Using": [ "Serilog.Sinks.WorkflowTrace" ],
                "LevelSwitches": { "$traceSwitch": "Error" },
                "MinimumLevel": "Verbose",
                "WriteTo": [ { "Name": "WorkflowTrace", "Args": { "hosts": "{{Url}}", "levelSwitch": "$traceSwitch" } } ]
              }
            }
            """;
        using (var logger = AppSettings.CreateLogger(json))
        {
            logger.Warning("below the switch");
            logger.Error("at the switch");
        }
        Assert.That(Server.Documents.Single().Source.GetProperty("message").GetString(), Is.EqualTo("at the switch"));
    }

    [Test]
    public async Task CaCertificatePathOverHttps()
    {
        using var certificates = TestCertificates.Create();
        await using var https = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ServerCertificate = certificates.Server });
        var path = certificates.AuthorityPemPath.Replace("\\", "/");
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{https.Url}}", "caCertificatePath": "{{path}}" }""")))
            logger.Information("over TLS");
        Assert.That(https.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task CertificateFingerprintOverHttps()
    {
        using var certificates = TestCertificates.Create();
        await using var https = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ServerCertificate = certificates.Server });
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{https.Url}}", "certificateFingerprint": "{{certificates.ServerFingerprint}}" }""")))
            logger.Information("pinned");
        Assert.That(https.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task VerifyCertificatesFalseOverHttps()
    {
        using var certificates = TestCertificates.Create();
        await using var https = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ServerCertificate = certificates.Server });
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{https.Url}}", "verifyCertificates": false }""")))
            logger.Information("unverified");
        Assert.That(https.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public void CompressRequestsSendsGzipBodies()
    {
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "compressRequests": true }""")))
        {
            for (var i = 0; i < 50; i++)
                logger.Information("compressed {I} with a repetitive message body", i);
        }
        Assert.That(Server.DocumentCount, Is.EqualTo(50));
        var bulk = BulkRequests.Of(Server);
        Assert.That(bulk.All(r => r.Header("Content-Encoding") == "gzip"), Is.True);
        Assert.That(bulk.Sum(r => r.WireBodyLength), Is.LessThan(bulk.Sum(r => r.Body.Length) / 3), "far fewer bytes on the wire");
    }

    [Test]
    public void RequestsAreCompressedByDefault()
    {
        SingleDocument($$"""{ "hosts": "{{Url}}" }""");
        Assert.That(BulkRequests.Of(Server).Single().Header("Content-Encoding"), Is.EqualTo("gzip"));
    }

    [Test]
    public void CompressRequestsFalseSendsPlainBodies()
    {
        SingleDocument($$"""{ "hosts": "{{Url}}", "compressRequests": false }""");
        var bulk = BulkRequests.Of(Server).Single();
        Assert.That(bulk.Header("Content-Encoding"), Is.Null);
        Assert.That(bulk.WireBodyLength, Is.EqualTo(bulk.Body.Length));
    }

    [Test]
    public void RestrictedToMinimumLevel()
    {
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "restrictedToMinimumLevel": "Warning" }""")))
        {
            logger.Debug("dropped by level");
            logger.Information("dropped by level");
            logger.Warning("kept");
            logger.Error("kept too");
        }
        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("level").GetString()), Is.EquivalentTo(new[] { "warning", "error" }));
    }

    [Test]
    public void TheSeedsExtrasFillTheDocument()
    {
        var doc = SingleDocument($$"""
            {
              "hosts": "{{Url}}",
              "runId": "workflow-123",
              "parentRunId": "parent-456",
              "workflowName": "data-processing-pipeline",
              "stageName": "data-validation",
              "jobName": "validate-customer-data",
              "traceId": "trace-123",
              "spanId": "span-456",
              "userId": "user-123",
              "tenantId": "tenant-456",
              "environment": "production",
              "tags": [ "service:workflow", "team:data-engineering" ],
              "packageVersion": "1.2.3"
            }
            """);
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("workflow-123"));
        Assert.That(doc.GetProperty("parent_run_id").GetString(), Is.EqualTo("parent-456"));
        Assert.That(doc.GetProperty("cut_id").GetString(), Is.EqualTo("rent-456 -> flow-123"));
        Assert.That(doc.GetProperty("workflow_name").GetString(), Is.EqualTo("data-processing-pipeline"));
        Assert.That(doc.GetProperty("stage_name").GetString(), Is.EqualTo("data-validation"));
        Assert.That(doc.GetProperty("job_name").GetString(), Is.EqualTo("validate-customer-data"));
        Assert.That(doc.GetProperty("trace_id").GetString(), Is.EqualTo("trace-123"));
        Assert.That(doc.GetProperty("span_id").GetString(), Is.EqualTo("span-456"));
        Assert.That(doc.GetProperty("user_id").GetString(), Is.EqualTo("user-123"));
        Assert.That(doc.GetProperty("tenant_id").GetString(), Is.EqualTo("tenant-456"));
        Assert.That(doc.GetProperty("environment").GetString(), Is.EqualTo("production"));
        Assert.That(doc.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "service:workflow", "team:data-engineering" }));
        Assert.That(doc.GetProperty("package_version").GetString(), Is.EqualTo("1.2.3"));
    }

    [Test]
    public void SampleProcessMetrics()
    {
        var doc = SingleDocument($$"""{ "hosts": "{{Url}}", "sampleProcessMetrics": true }""");
        Assert.That(doc.GetProperty("memory_usage_mb").GetDouble(), Is.GreaterThan(0));
        Assert.That(doc.TryGetProperty("cpu_usage_percent", out _), Is.True);
    }

    [Test]
    public void ABadFingerprintInAppSettingsIsRefused()
    {
        var bad = AppSettings.WithArgs($$"""{ "hosts": "{{Url}}", "certificateFingerprint": "not-hex" }""");
        var thrown = Assert.Catch(() => AppSettings.CreateLogger(bad))!;
        Assert.That((thrown as ArgumentException ?? thrown.InnerException as ArgumentException)?.ParamName, Is.EqualTo("certificateFingerprint"));
    }

    [Test]
    public async Task CredentialsNeverAppearInSelfLog()
    {
        await using var secured = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "elastic", Password = "right-password" });
        using var selfLog = new SelfLogCollector();
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs(
                   $$"""{ "hosts": "{{secured.Url}}", "username": "elastic", "password": "wrong-pw-must-not-leak", "maxRetries": 0 }""")))
        {
            logger.Information("refused");
        }

        Assert.That(selfLog.Lines, Is.Not.Empty, "the 401 is reported");
        Assert.That(selfLog.Text, Does.Contain("401"));
        Assert.That(selfLog.Text, Does.Not.Contain("wrong-pw-must-not-leak"));
        Assert.That(selfLog.Text, Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:wrong-pw-must-not-leak"))));
    }
}
