using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// TLS client authentication against an HTTPS loopback server that requires a certificate from its own authority
/// (<c>xpack.security.http.ssl.client_authentication: required</c>), and the TLS options that go with it.
/// </summary>
public class ClientCertificateTests
{
    const string FilePassword = "pfx-pa$$word";

    TestCertificates _certificates = null!;
    FakeElasticsearch _server = null!;
    readonly List<string> _files = [];

    [SetUp]
    public async Task StartHttpsServer()
    {
        _certificates = TestCertificates.Create();
        _server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            ServerCertificate = _certificates.Server,
            ClientCertificateAuthority = _certificates.Authority,
        });
        Assert.That(_server.Url.Scheme, Is.EqualTo("https"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        foreach (var file in _files)
            File.Delete(file);
        _files.Clear();
    }

    string TempFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflowtrace-client-{Guid.NewGuid():N}{extension}");
        _files.Add(path);
        return path;
    }

    /// <summary>A client certificate issued by <paramref name="certificates"/>' authority, as a password-protected PKCS#12 file.</summary>
    string PfxFile(TestCertificates certificates, string extension = ".pfx")
    {
        using var certificate = certificates.IssueClientCertificate();
        var path = TempFile(extension);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, FilePassword));
        return path;
    }

    /// <summary>A client certificate and its private key in one PEM file, the key encrypted when a password is given.</summary>
    string PemFile(string? password = null)
    {
        using var certificate = _certificates.IssueClientCertificate();
        using var key = certificate.GetRSAPrivateKey()!;
        var keyPem = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
        var path = TempFile(".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + keyPem + "\n");
        return path;
    }

    (int Delivered, IReadOnlyList<LogEvent> Reported, string SelfLog) Send(
        Func<Serilog.Configuration.LoggerSinkConfiguration, LoggerConfiguration> configure, int count = 1)
    {
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration().WriteTo.FallbackChain(wt => configure(wt), wt => wt.Sink(fallback)).CreateLogger())
        {
            for (var i = 0; i < count; i++)
                logger.Information("with a client certificate {I}", i);
        }
        return (_server.DocumentCount, fallback.Events, selfLog.Text);
    }

    [TestCase(".pfx")]
    [TestCase(".p12")]
    public void APkcs12ClientCertificateFromTheAuthorityIsAccepted(string extension)
    {
        var path = PfxFile(_certificates, extension);

        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath,
            clientCertificatePath: path, clientCertificatePassword: FilePassword), count: 3);

        Assert.That(delivered, Is.EqualTo(3), selfLog);
        Assert.That(reported, Is.Empty);
        Assert.That(BulkRequests.Of(_server), Is.Not.Empty, "the requests got past the handshake");
        Assert.That(selfLog, Does.Not.Contain(FilePassword));
    }

    [Test]
    public void APemFileWithTheCertificateAndItsKeyIsAccepted()
    {
        var path = PemFile();

        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath, clientCertificatePath: path), count: 2);

        Assert.That(delivered, Is.EqualTo(2), selfLog);
        Assert.That(reported, Is.Empty);
    }

    [Test]
    public void APemFileWithAnEncryptedKeyIsAcceptedWithItsPassword()
    {
        var path = PemFile(FilePassword);

        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath,
            clientCertificatePath: path, clientCertificatePassword: FilePassword));

        Assert.That(delivered, Is.EqualTo(1), selfLog);
        Assert.That(reported, Is.Empty);
        Assert.That(selfLog, Does.Not.Contain(FilePassword));
    }

    [Test]
    public void WithoutAClientCertificateNothingIsDeliveredAndTheFailureReported()
    {
        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath,
            maxRetries: 0, timeout: TimeSpan.FromSeconds(3), bootstrapMode: WorkflowTraceBootstrapMode.None), count: 2);

        Assert.That(delivered, Is.Zero);
        Assert.That(_server.Requests, Is.Empty, "no request gets past the handshake");
        Assert.That(reported.Select(e => e.Properties["I"].ToString()), Is.EquivalentTo(new[] { "0", "1" }), "each event reported once to the fallback");
        Assert.That(selfLog, Does.Contain("failure: WorkflowTrace:").And.Contain(_server.Url.ToString()), "the failure names the node");
        Assert.That(selfLog, Does.Contain("set clientCertificatePath"), "and says what may be missing");
    }

    [Test]
    public void AClientCertificateFromAnotherAuthorityIsRefusedAndTheFailureReported()
    {
        using var other = TestCertificates.Create();
        var path = PfxFile(other);

        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath,
            clientCertificatePath: path, clientCertificatePassword: FilePassword,
            maxRetries: 0, timeout: TimeSpan.FromSeconds(3), bootstrapMode: WorkflowTraceBootstrapMode.None));

        Assert.That(delivered, Is.Zero);
        Assert.That(_server.Requests, Is.Empty, "no request gets past the handshake");
        Assert.That(reported.Single().MessageTemplate.Text, Is.EqualTo("with a client certificate {I}"));
        Assert.That(selfLog, Does.Contain("failure: WorkflowTrace:").And.Contain(_server.Url.ToString()), "the failure names the node");
        Assert.That(selfLog, Does.Not.Contain(FilePassword));
    }

    [Test]
    public void ALowerCaseFingerprintWithColonsPinsTheServerAlongsideAClientCertificate()
    {
        var path = PfxFile(_certificates);
        var openSslStyle = _certificates.ServerFingerprint.ToLowerInvariant();
        Assert.That(openSslStyle, Does.Contain(":").And.Not.Match("[A-F]"), "the form under test");

        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(
            hosts: _server.Url.ToString(), certificateFingerprint: openSslStyle,
            clientCertificatePath: path, clientCertificatePassword: FilePassword));

        Assert.That(delivered, Is.EqualTo(1), selfLog);
        Assert.That(reported, Is.Empty);
    }

    [Test]
    public void SwitchingVerificationOffIsWarnedAboutAtStartUp()
    {
        var path = PfxFile(_certificates);
        using var selfLog = new SelfLogCollector();
        var fallback = new ListSink();

        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(
                       wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), verifyCertificates: false,
                           clientCertificatePath: path, clientCertificatePassword: FilePassword),
                       wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            // Before any event: the warning comes with the configuration, not with the first request.
            Assert.That(selfLog.Lines.Count(l => l.Contains("verification is switched off")), Is.EqualTo(1), selfLog.Text);
            Assert.That(_server.Requests, Is.Empty, "nothing was sent yet");

            logger.Information("unverified");
        }

        Assert.That(_server.DocumentCount, Is.EqualTo(1), "the server's certificate is accepted unverified");
        Assert.That(fallback.Events, Is.Empty);
    }

    [Test]
    public void VerificationLeftOnIsNotWarnedAbout()
    {
        using var selfLog = new SelfLogCollector();

        using (new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: _server.Url.ToString())
                   .CreateLogger())
        {
            Assert.That(selfLog.Text, Does.Not.Contain("verification is switched off"));
        }
    }
}
