using System.Security.Cryptography.X509Certificates;
using Serilog.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// Pinning and private authorities against an HTTPS loopback server that presents its certificate with an
/// intermediate authority (root → intermediate → server), including an attacker's server that presents a forged
/// certificate naming the real intermediate as its issuer.
/// </summary>
public class CertificateChainTests
{
    TestCertificateChain _chain = null!;

    [SetUp]
    public void CreateAuthorities() => _chain = TestCertificateChain.Create();

    [TearDown]
    public void DisposeAuthorities() => _chain.Dispose();

    /// <summary>Serves <paramref name="serverCertificate"/> followed by the intermediate, logs one event, and says where it went.</summary>
    async Task<(int Delivered, int Reported, string SelfLog)> SendAsync(X509Certificate2 serverCertificate, Func<LoggerSinkConfiguration, string, LoggerConfiguration> configure)
    {
        using var _ = serverCertificate;
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            ServerCertificate = serverCertificate,
            ServerCertificateChain = [_chain.Intermediate],
        });
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => configure(wt, server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("over TLS");
        }
        return (server.DocumentCount, fallback.Events.Count, selfLog.Text);
    }

    [Test]
    public async Task AForgedCertificateNamingThePinnedIntermediateAsIssuerIsRefused()
    {
        var pin = TestCertificateChain.Fingerprint(_chain.Intermediate);
        var (delivered, reported, selfLog) = await SendAsync(_chain.Forge(_chain.Intermediate),
            (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: pin, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0), "nothing may reach a server whose certificate the pinned authority never signed");
        Assert.That(reported, Is.EqualTo(1), selfLog);
    }

    [Test]
    public async Task ACertificateSignedByThePinnedIntermediateIsTrusted()
    {
        var pin = TestCertificateChain.Fingerprint(_chain.Intermediate);
        var (delivered, reported, selfLog) = await SendAsync(_chain.IssueByIntermediate(),
            (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: pin, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(1), selfLog);
        Assert.That(reported, Is.EqualTo(0));
    }

    [Test]
    public async Task APinnedServerCertificateIsTrustedWhateverItsChain()
    {
        var forged = _chain.Forge(_chain.Intermediate);
        var pin = TestCertificateChain.Fingerprint(forged);
        var (delivered, _, selfLog) = await SendAsync(forged, (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: pin, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(1), "pinning the server's own certificate trusts exactly that certificate: " + selfLog);
    }

    [Test]
    public async Task TheAuthorityFileIsCompletedByTheIntermediateTheServerPresents()
    {
        var (delivered, reported, selfLog) = await SendAsync(_chain.IssueByIntermediate(),
            (wt, url) => wt.WorkflowTrace(hosts: url, caCertificatePath: _chain.RootPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(1), selfLog);
        Assert.That(reported, Is.EqualTo(0));
    }

    [Test]
    public async Task AForgedCertificateIsRefusedByTheAuthorityFile()
    {
        var (delivered, reported, _) = await SendAsync(_chain.Forge(_chain.Intermediate),
            (wt, url) => wt.WorkflowTrace(hosts: url, caCertificatePath: _chain.RootPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0));
        Assert.That(reported, Is.EqualTo(1));
    }

    [Test]
    public async Task WithAPinAndAnAuthorityFileTheAuthorityMustStillHold()
    {
        using var other = TestCertificateChain.Create();
        var pin = TestCertificateChain.Fingerprint(_chain.Intermediate);
        var (delivered, reported, _) = await SendAsync(_chain.IssueByIntermediate(),
            (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: pin, caCertificatePath: other.RootPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0), "the pin matches, but the certificate does not chain to the given authority");
        Assert.That(reported, Is.EqualTo(1));
    }

    [Test]
    public async Task WithAPinAndAnAuthorityFileThePinMustStillHold()
    {
        var wrong = string.Concat(Enumerable.Repeat("00", 32));
        var (delivered, reported, _) = await SendAsync(_chain.IssueByIntermediate(),
            (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: wrong, caCertificatePath: _chain.RootPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(0));
        Assert.That(reported, Is.EqualTo(1));
    }

    [Test]
    public async Task WithAPinAndAnAuthorityFileBothHoldingTheCertificateIsTrusted()
    {
        var pin = TestCertificateChain.Fingerprint(_chain.Intermediate);
        var (delivered, _, selfLog) = await SendAsync(_chain.IssueByIntermediate(),
            (wt, url) => wt.WorkflowTrace(hosts: url, certificateFingerprint: pin, caCertificatePath: _chain.RootPemPath, maxRetries: 0));
        Assert.That(delivered, Is.EqualTo(1), selfLog);
    }
}
