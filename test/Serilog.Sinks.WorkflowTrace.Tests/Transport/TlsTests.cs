using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>The TLS options against an HTTPS loopback server whose certificate no operating system trusts.</summary>
public class TlsTests
{
    TestCertificates _certificates = null!;
    FakeElasticsearch _server = null!;

    [SetUp]
    public async Task StartHttpsServer()
    {
        _certificates = TestCertificates.Create();
        _server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { ServerCertificate = _certificates.Server });
        Assert.That(_server.Url.Scheme, Is.EqualTo("https"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
    }

    (int Delivered, int Reported, string SelfLog) Send(Func<Serilog.Configuration.LoggerSinkConfiguration, LoggerConfiguration> configure)
    {
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration().WriteTo.FallbackChain(wt => configure(wt), wt => wt.Sink(fallback)).CreateLogger())
            logger.Information("over TLS");
        return (_server.DocumentCount, fallback.Events.Count, selfLog.Text);
    }

    [Test]
    public void AnUntrustedCertificateIsRefusedByDefaultAndTheEventReported()
    {
        var (delivered, reported, selfLog) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0));
        Assert.That(reported, Is.EqualTo(1));
        Assert.That(selfLog, Does.Contain("SSL").Or.Contain("certificate"));
    }

    [Test]
    public void VerifyCertificatesFalseAcceptsAnyCertificate()
    {
        var (delivered, _, _) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), verifyCertificates: false));
        Assert.That(delivered, Is.EqualTo(1));
    }

    [Test]
    public void APinnedFingerprintOfTheServerCertificateIsTrusted()
    {
        var (delivered, _, _) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), certificateFingerprint: _certificates.ServerFingerprint.ToLowerInvariant()));
        Assert.That(delivered, Is.EqualTo(1));
    }

    [Test]
    public void AnotherFingerprintIsRefused()
    {
        var wrong = string.Concat(Enumerable.Repeat("00", 32));
        var (delivered, reported, _) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), certificateFingerprint: wrong, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0));
        Assert.That(reported, Is.EqualTo(1));
    }

    [Test]
    public void ACertificateIssuedByTheGivenAuthorityIsTrusted()
    {
        var (delivered, _, _) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), caCertificatePath: _certificates.AuthorityPemPath));
        Assert.That(delivered, Is.EqualTo(1));
    }

    [Test]
    public void ACertificateFromAnotherAuthorityIsRefused()
    {
        using var other = TestCertificates.Create();
        var (delivered, reported, _) = Send(wt => wt.WorkflowTrace(hosts: _server.Url.ToString(), caCertificatePath: other.AuthorityPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0));
        Assert.That(reported, Is.EqualTo(1));
    }
}
