using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// A pinned self-signed root (Elasticsearch's auto-configured HTTP CA) checked on what a server presents. A .NET
/// TLS server leaves its root out of the handshake, so the loopback server cannot present one; these tests hand the
/// sink's certificate check what the TLS stack hands it: the server's certificate, and the chain the system built
/// over the certificates the server presented (<see cref="X509ChainPolicy.ExtraStore"/>).
/// </summary>
public class PinnedRootTests
{
    TestCertificateChain _chain = null!;

    [SetUp]
    public void CreateAuthorities() => _chain = TestCertificateChain.Create();

    [TearDown]
    public void DisposeAuthorities() => _chain.Dispose();

    static bool Accepts(string pin, X509Certificate2 serverCertificate, SslPolicyErrors errors, params X509Certificate2[] presented)
    {
        var settings = new WorkflowTraceSettingsBuilder { Hosts = "https://127.0.0.1:9200", CertificateFingerprint = pin }.Build();
        var validate = CertificateValidation.Create(settings)!;
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        chain.Build(serverCertificate);
        return validate(new object(), serverCertificate, chain, errors);
    }

    [Test]
    public void AForgedCertificatePresentedWithThePinnedRootIsRefused()
    {
        using var forged = _chain.Forge(_chain.Root);
        using (var system = new X509Chain())
        {
            // What the attack relies on: the system's chain does reach the pinned root, flagging only the signature.
            system.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            system.ChainPolicy.ExtraStore.Add(_chain.Root);
            system.Build(forged);
            Assert.That(system.ChainElements.Select(e => e.Certificate.Thumbprint), Does.Contain(_chain.Root.Thumbprint));
            Assert.That(system.ChainElements[0].ChainElementStatus.Select(s => s.Status), Does.Contain(X509ChainStatusFlags.NotSignatureValid));
        }

        Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), forged, SslPolicyErrors.RemoteCertificateChainErrors, forged, _chain.Root), Is.False);
    }

    [Test]
    public void AForgedIntermediateNamingThePinnedRootAsIssuerIsRefused()
    {
        var (intermediate, server) = _chain.ForgeIntermediate();
        using (intermediate)
        using (server)
        {
            Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), server, SslPolicyErrors.RemoteCertificateChainErrors, server, intermediate, _chain.Root), Is.False);
        }
    }

    [Test]
    public void ACertificateSignedByThePinnedRootIsTrusted()
    {
        using var server = _chain.IssueByRoot();
        Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), server, SslPolicyErrors.RemoteCertificateChainErrors, server, _chain.Root), Is.True);
    }

    [Test]
    public void ACertificateSignedThroughAnIntermediateByThePinnedRootIsTrusted()
    {
        using var server = _chain.IssueByIntermediate();
        Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), server, SslPolicyErrors.RemoteCertificateChainErrors, server, _chain.Intermediate, _chain.Root), Is.True);
    }

    [Test]
    public void APinnedRootDoesNotExcuseACertificateForAnotherHost()
    {
        using var server = _chain.IssueByRoot();
        var errors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;
        Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), server, errors, server, _chain.Root), Is.False);
    }

    [Test]
    public void APinnedRootTheServerDoesNotPresentIsNotTakenOnTrust()
    {
        using var server = _chain.IssueByRoot();
        Assert.That(Accepts(TestCertificateChain.Fingerprint(_chain.Root), server, SslPolicyErrors.RemoteCertificateChainErrors, server), Is.False);
    }

    [Test]
    public void APinnedServerCertificateIsTrustedAsItIs()
    {
        using var forged = _chain.Forge(_chain.Root);
        var errors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;
        Assert.That(Accepts(TestCertificateChain.Fingerprint(forged), forged, errors, forged, _chain.Root), Is.True);
    }
}
