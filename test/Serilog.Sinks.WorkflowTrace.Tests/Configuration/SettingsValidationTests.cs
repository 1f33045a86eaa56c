using System.Reflection;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>Bad configuration fails when the logger is configured, naming the setting and the bad value.</summary>
public class SettingsValidationTests
{
    static ArgumentException Fails(Func<LoggerConfiguration, LoggerConfiguration> configure)
    {
        var exception = Assert.Throws(Is.InstanceOf<ArgumentException>(), () => configure(new LoggerConfiguration()).CreateLogger())!;
        return (ArgumentException)exception;
    }

    static void AssertNames(ArgumentException exception, string setting, string? value)
    {
        Assert.That(exception.ParamName, Is.EqualTo(setting));
        Assert.That(exception.Message, Does.Contain($"'{setting}'"));
        if (value is not null)
            Assert.That(exception.Message, Does.Contain(value));
    }

    [TestCase("not a url")]
    [TestCase("localhost:9200")]
    [TestCase("http://")]
    [TestCase("/relative/path")]
    public void AMalformedHostIsRefused(string host) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hosts: host)), "hosts", host);

    [TestCase("ftp://es:21")]
    [TestCase("file:///tmp/es")]
    [TestCase("ws://es:9200")]
    public void ANonHttpHostIsRefused(string host) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hosts: host)), "hosts", host);

    [Test]
    public void ABadEntryInASeparatedListIsNamed() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://a:9200; ftp://b:21")), "hosts", "ftp://b:21");

    [Test]
    public void ABadEntryInTheHostListIsNamed() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hostList: ["http://a:9200", "nope"])), "hostList", "nope");

    [TestCase("")]
    [TestCase(" , ; ")]
    public void AnEmptyHostListIsRefused(string hosts) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hosts: hosts)), "hosts", null);

    [Test]
    public void AnEmptyHostArrayIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(hostList: [])), "hostList", null);

    [Test]
    public void CredentialsBothInAHostUrlAndInUsernameAreRefusedWithoutEchoingThem()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://elastic:s3cr3t-pw@es:9200", username: "other", password: "0th3r-pw"));
        Assert.That(exception.ParamName, Is.EqualTo("hosts"));
        Assert.That(exception.Message, Does.Contain("give them once"));
        Assert.That(exception.ToString(), Does.Not.Contain("s3cr3t-pw").And.Not.Contain("0th3r-pw"));
    }

    [Test]
    public void HostUrlsWithDifferentCredentialsAreRefusedWithoutEchoingThem()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://elastic:s3cr3t-pw@es1:9200,http://elastic:0th3r-pw@es2:9200"));
        AssertNames(exception, "hosts", "http://***@es2:9200");
        Assert.That(exception.ToString(), Does.Not.Contain("s3cr3t-pw").And.Not.Contain("0th3r-pw"));
    }

    [Test]
    public void AUserInfoWithoutPasswordIsRefusedWithoutEchoingIt()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://s3cr3t-token@es:9200"));
        AssertNames(exception, "hosts", "http://***@es:9200");
        Assert.That(exception.ToString(), Does.Not.Contain("s3cr3t-token"));
    }

    [TestCase(0)]
    [TestCase(4095)]
    public void ARequestSizeLimitTooSmallForADocumentIsRefused(int bytes) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(maxRequestBytes: bytes)), "maxRequestBytes", bytes.ToString());

    [Test]
    public void ANonPositiveDeadTimeoutIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(deadTimeout: TimeSpan.Zero)), "deadTimeout", "00:00:00");

    [Test]
    public void AMaximumDeadTimeoutBelowTheFirstIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(deadTimeout: TimeSpan.FromMinutes(5), maxDeadTimeout: TimeSpan.FromMinutes(1))), "maxDeadTimeout", "00:01:00");

    [Test]
    public void ABearerTokenBesideAnotherCredentialIsRefusedWithoutEchoingEither()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(bearerToken: "t0ken-secret", apiKey: "k3y-secret"));
        Assert.That(exception.ParamName, Is.EqualTo("bearerToken"));
        Assert.That(exception.ToString(), Does.Not.Contain("t0ken-secret").And.Not.Contain("k3y-secret"));
    }

    [Test]
    public void AnApiKeyIdWithoutTheKeyIsRefused() =>
        Assert.That(Fails(c => c.WriteTo.WorkflowTrace(apiKeyId: "VuaCfGcBCdbkQm-e5aOx")).ParamName, Is.EqualTo("apiKey"));

    [Test]
    public void AMissingClientCertificateFileIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(clientCertificatePath: "/no/such/client.pfx")), "clientCertificatePath", "/no/such/client.pfx");

    [Test]
    public void AClientCertificatePasswordWithoutAFileIsRefusedWithoutEchoingIt()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(clientCertificatePassword: "pfx-s3cret"));
        Assert.That(exception.ParamName, Is.EqualTo("clientCertificatePassword"));
        Assert.That(exception.ToString(), Does.Not.Contain("pfx-s3cret"));
    }

    [Test]
    public void AFileThatIsNotACertificateIsRefusedNamingTheSetting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-cert-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, "hello");
        try
        {
            AssertNames(Fails(c => c.WriteTo.WorkflowTrace(clientCertificatePath: path)), "clientCertificatePath", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void ABufferSizeBelowOneIsRefused(int size) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(bufferSize: size)), "bufferSize", size.ToString());

    [TestCase(0)]
    [TestCase(-1)]
    public void AQueueLimitBelowOneIsRefused(int limit) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(queueLimit: limit)), "queueLimit", limit.ToString());

    [Test]
    public void AQueueSmallerThanABatchIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(bufferSize: 500, queueLimit: 100)), "queueLimit", "100");

    [Test]
    public void NegativeRetriesAreRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(maxRetries: -1)), "maxRetries", "-1");

    [TestCase(0)]
    [TestCase(-2)]
    public void ANonPositiveFlushIntervalIsRefused(int seconds) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(flushInterval: TimeSpan.FromSeconds(seconds))), "flushInterval", null);

    [TestCase(0)]
    [TestCase(-30)]
    public void ANonPositiveTimeoutIsRefused(int seconds) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(timeout: TimeSpan.FromSeconds(seconds))), "timeout", null);

    [Test]
    public void AnAbsurdlyLongIntervalIsRefusedAsALikelyUnitMistake() =>
        // "2" in appsettings.json parses as two days, not two seconds.
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(flushInterval: TimeSpan.FromDays(2))), "flushInterval", "2.00:00:00");

    [TestCase("Workflow-Traces", "lowercase")]
    [TestCase("traces*", "'*'")]
    [TestCase("a b", "' '")]
    [TestCase("a,b", "','")]
    [TestCase("a#b", "'#'")]
    [TestCase("_traces", "start with '_'")]
    [TestCase("-traces", "start with '-'")]
    [TestCase("+traces", "start with '+'")]
    [TestCase(".", "'.'")]
    [TestCase("..", "'..'")]
    [TestCase("cluster:traces", "':'")]
    [TestCase("", "required")]
    public void AnIndexNameElasticsearchWouldRejectIsRefused(string name, string reason)
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(indexName: name));
        AssertNames(exception, "indexName", null);
        Assert.That(exception.Message, Does.Contain(reason));
    }

    [Test]
    public void AnIndexNameOver255BytesIsRefused()
    {
        var name = new string('é', 128); // 256 bytes in UTF-8
        Assert.That(Fails(c => c.WriteTo.WorkflowTrace(indexName: name)).Message, Does.Contain("255 bytes"));
    }

    [TestCase("workflow-traces")]
    [TestCase(".hidden-traces")]
    [TestCase("traces-2024.01.01")]
    [TestCase("données")]
    public void AValidIndexNameIsAccepted(string name) =>
        Assert.That(IndexNameRules.FindProblem(name), Is.Null);

    [Test]
    public void AUsernameWithoutPasswordIsRefused()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(username: "elastic"));
        AssertNames(exception, "password", "elastic");
    }

    [Test]
    public void APasswordWithoutUsernameIsRefusedWithoutShowingIt()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(password: "hunter2-secret"));
        AssertNames(exception, "username", null);
        Assert.That(exception.ToString(), Does.Not.Contain("hunter2-secret"));
    }

    [Test]
    public void AnApiKeyTogetherWithBasicCredentialsIsRefusedWithoutShowingEither()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(username: "elastic", password: "pw-secret-1", apiKey: "key-secret-2"));
        AssertNames(exception, "apiKey", null);
        Assert.That(exception.ToString(), Does.Not.Contain("pw-secret-1").And.Not.Contain("key-secret-2"));
    }

    [TestCase("abc")]
    [TestCase("ZZ:11")]
    public void AMalformedCertificateFingerprintIsRefused(string fingerprint) =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(certificateFingerprint: fingerprint)), "certificateFingerprint", fingerprint);

    [Test]
    public void AFingerprintWithColonsInEitherCaseIsAccepted()
    {
        var hex = string.Concat(Enumerable.Repeat("aB", 32));
        var withColons = string.Join(":", Enumerable.Range(0, 32).Select(i => hex.Substring(i * 2, 2)));
        var settings = new WorkflowTraceSettingsBuilder { Hosts = "https://localhost:9200", CertificateFingerprint = withColons }.Build();
        Assert.That(settings.CertificateFingerprint, Is.EqualTo(hex.ToUpperInvariant()));
    }

    [Test]
    public void AMissingCaCertificateFileIsRefused() =>
        AssertNames(Fails(c => c.WriteTo.WorkflowTrace(caCertificatePath: "/no/such/ca.crt")), "caCertificatePath", "/no/such/ca.crt");

    [Test]
    public void BadValuesInAppSettingsFailAtConfigurationTimeNamingTheSetting()
    {
        var json = AppSettings.WithArgs("""{ "hosts": "http://localhost:9200", "bufferSize": 0 }""");
        var thrown = Assert.Catch(() => AppSettings.CreateLogger(json))!;
        var argument = thrown as ArgumentException ?? (thrown as TargetInvocationException)?.InnerException as ArgumentException;
        Assert.That(argument, Is.Not.Null, thrown.ToString());
        Assert.That(argument!.ParamName, Is.EqualTo("bufferSize"));
    }

    [Test]
    public void DefaultsAreTheSeedsDefaultsExceptTheMeasuredBatchSize()
    {
        var settings = new WorkflowTraceSettingsBuilder().Build();
        Assert.That(settings.Hosts.Single(), Is.EqualTo(new Uri("http://localhost:9200/")));
        Assert.That(settings.IndexName, Is.EqualTo("workflow-traces"));
        Assert.That(settings.BufferSize, Is.EqualTo(5000), "chosen from the performance harness's figures; the seed's is 100");
        Assert.That(settings.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(settings.MaxRetries, Is.EqualTo(3));
        Assert.That(settings.QueueLimit, Is.EqualTo(100_000));
    }

    [Test]
    public void HostsAreParsedFromEveryForm()
    {
        Assert.That(HostListParser.Parse("http://a:9200", null), Is.EqualTo(new[] { new Uri("http://a:9200/") }));
        Assert.That(HostListParser.Parse("http://a:9200, http://b:9200;https://c:9243", null),
            Is.EqualTo(new[] { new Uri("http://a:9200/"), new Uri("http://b:9200/"), new Uri("https://c:9243/") }));
        Assert.That(HostListParser.Parse(null, ["http://a:9200", "http://b:9200"]),
            Is.EqualTo(new[] { new Uri("http://a:9200/"), new Uri("http://b:9200/") }));
        Assert.That(HostListParser.Parse("http://proxy/es", null), Is.EqualTo(new[] { new Uri("http://proxy/es/") }), "a path prefix is kept");
    }
}
