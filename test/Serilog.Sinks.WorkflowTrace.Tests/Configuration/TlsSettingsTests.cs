using System.Security.Cryptography.X509Certificates;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// TLS settings that cannot take effect, or that contradict each other, are refused at start-up naming the setting;
/// credentials about to travel in cleartext are warned about once.
/// </summary>
public class TlsSettingsTests
{
    const string Fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    TestCertificates _certificates = null!;
    readonly List<string> _files = [];

    [SetUp]
    public void CreateCertificates() => _certificates = TestCertificates.Create();

    [TearDown]
    public void DeleteFiles()
    {
        _certificates.Dispose();
        foreach (var file in _files)
            File.Delete(file);
        _files.Clear();
    }

    string TempFile(string extension, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflowtrace-tls-{Guid.NewGuid():N}{extension}");
        _files.Add(path);
        File.WriteAllBytes(path, content);
        return path;
    }

    static ArgumentException Fails(Func<LoggerConfiguration, LoggerConfiguration> configure)
    {
        var exception = Assert.Throws(Is.InstanceOf<ArgumentException>(), () => configure(new LoggerConfiguration()).CreateLogger().Dispose())!;
        return (ArgumentException)exception;
    }

    [TestCase("http://es.example:9200")]
    [TestCase("https://es1.example:9200,http://es2.example:9200")]
    public void APinForAnHttpHostIsRefusedNamingTheSetting(string hosts)
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: hosts, certificateFingerprint: Fingerprint));
        Assert.That(exception.ParamName, Is.EqualTo("certificateFingerprint"));
        Assert.That(exception.Message, Does.Contain("'certificateFingerprint'").And.Contain("http://"));
    }

    [Test]
    public void AnAuthorityFileForAnHttpHostIsRefusedNamingTheSetting()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://es.example:9200", caCertificatePath: _certificates.AuthorityPemPath));
        Assert.That(exception.ParamName, Is.EqualTo("caCertificatePath"));
        Assert.That(exception.Message, Does.Contain("'caCertificatePath'").And.Contain("http://"));
    }

    [Test]
    public void AClientCertificateForAnHttpHostIsRefusedNamingTheSetting()
    {
        using var client = _certificates.IssueClientCertificate();
        var path = TempFile(".pfx", client.Export(X509ContentType.Pkcs12));
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "http://es.example:9200", clientCertificatePath: path));
        Assert.That(exception.ParamName, Is.EqualTo("clientCertificatePath"));
        Assert.That(exception.Message, Does.Contain("'clientCertificatePath'").And.Contain("http://"));
    }

    [Test]
    public void SwitchingVerificationOffBesideAPinIsRefusedAsAContradiction()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "https://es.example:9200", certificateFingerprint: Fingerprint, verifyCertificates: false));
        Assert.That(exception.ParamName, Is.EqualTo("verifyCertificates"));
        Assert.That(exception.Message, Does.Contain("certificateFingerprint"));
    }

    [Test]
    public void SwitchingVerificationOffBesideAnAuthorityFileIsRefusedAsAContradiction()
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "https://es.example:9200", caCertificatePath: _certificates.AuthorityPemPath, verifyCertificates: false));
        Assert.That(exception.ParamName, Is.EqualTo("verifyCertificates"));
        Assert.That(exception.Message, Does.Contain("caCertificatePath"));
    }

    [TestCase("hello")]
    [TestCase("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")]
    [TestCase("")]
    public void AnAuthorityFileThatIsNotACertificateIsRefusedNamingTheSetting(string content)
    {
        var path = TempFile(".pem", System.Text.Encoding.ASCII.GetBytes(content));
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: "https://es.example:9200", caCertificatePath: path));
        Assert.That(exception.ParamName, Is.EqualTo("caCertificatePath"));
        Assert.That(exception.Message, Does.Contain("'caCertificatePath'").And.Contain(path));
    }

    [Test]
    public void AnAuthorityFileInDerFormIsAccepted()
    {
        var path = TempFile(".cer", _certificates.Authority.Export(X509ContentType.Cert));
        Assert.DoesNotThrow(() => new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: "https://es.example:9200", caCertificatePath: path).CreateLogger().Dispose());
    }

    [TestCase("username")]
    [TestCase("apiKey")]
    [TestCase("bearerToken")]
    public void CredentialsSentOverHttpToAnotherMachineAreWarnedAboutOnceAtStartUp(string credential)
    {
        using var selfLog = new SelfLogCollector();
        using (Logger(credential, "http://es.example.invalid:9200,http://es2.example.invalid:9200"))
        {
            var warnings = selfLog.Lines.Where(l => l.Contains("cleartext", StringComparison.Ordinal)).ToList();
            Assert.That(warnings, Has.Count.EqualTo(1), selfLog.Text);
            Assert.That(warnings[0], Does.Contain("es.example.invalid").And.Contain("https://"));
        }
        Assert.That(selfLog.Text, Does.Not.Contain("s3cret-value"));
    }

    [TestCase("http://localhost:9200")]
    [TestCase("http://127.0.0.1:9200")]
    [TestCase("https://es.example.invalid:9200")]
    public void CredentialsOverHttpsOrToThisMachineAreNotWarnedAbout(string hosts)
    {
        using var selfLog = new SelfLogCollector();
        using (Logger("username", hosts))
            Assert.That(selfLog.Text, Does.Not.Contain("cleartext"));
    }

    [Test]
    public void NoCredentialsOverHttpAreNotWarnedAbout()
    {
        using var selfLog = new SelfLogCollector();
        using (new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: "http://es.example.invalid:9200", bootstrapMode: WorkflowTraceBootstrapMode.None).CreateLogger())
            Assert.That(selfLog.Text, Does.Not.Contain("cleartext"));
    }

    static Serilog.Core.Logger Logger(string credential, string hosts) => new LoggerConfiguration()
        .WriteTo.WorkflowTrace(
            hosts: hosts,
            username: credential == "username" ? "elastic" : null,
            password: credential == "username" ? "s3cret-value" : null,
            apiKey: credential == "apiKey" ? "s3cret-value" : null,
            bearerToken: credential == "bearerToken" ? "s3cret-value" : null,
            bootstrapMode: WorkflowTraceBootstrapMode.None)
        .CreateLogger();
}
