using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>An HTTPS server that requires a client certificate from one authority.</summary>
public class FakeElasticsearchClientCertificateTests
{
    private TestCertificates _certificates = null!;
    private FakeElasticsearch _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _certificates = TestCertificates.Create();
        _server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions
        {
            ServerCertificate = _certificates.Server,
            ClientCertificateAuthority = _certificates.Authority,
        });
    }

    [TearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
    }

    [Test]
    public async Task ACertificateFromTheAuthorityIsAccepted()
    {
        using var certificate = _certificates.IssueClientCertificate();
        using var client = Client(certificate);

        using var response = await client.GetAsync("/");

        Assert.That(_server.Url.Scheme, Is.EqualTo("https"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void NoCertificateIsRefused()
    {
        using var client = Client(null);

        Assert.That(async () => await client.GetAsync("/"), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_server.Requests, Is.Empty, "no request gets past the handshake");
    }

    [Test]
    public void ACertificateFromAnotherAuthorityIsRefused()
    {
        using var other = TestCertificates.Create();
        using var certificate = other.IssueClientCertificate();
        using var client = Client(certificate);

        Assert.That(async () => await client.GetAsync("/"), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_server.Requests, Is.Empty, "no request gets past the handshake");
    }

    [Test]
    public async Task ClientAuthenticationStillHoldsAfterARestart()
    {
        using var certificate = _certificates.IssueClientCertificate();
        using var client = Client(certificate);
        using var anonymous = Client(null);

        await _server.StopAsync();
        await _server.RestartAsync();
        using var response = await client.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(async () => await anonymous.GetAsync("/"), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public void AClientCertificateAuthorityNeedsHttps()
    {
        var options = new FakeElasticsearchOptions { ClientCertificateAuthority = _certificates.Authority };

        Assert.That(async () => await FakeElasticsearch.StartAsync(options), Throws.ArgumentException);
    }

    private HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // The server's own certificate is not under test here.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,

                // Offered whatever authorities the server names, so the server's check is what decides.
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            },
        };
        return new HttpClient(handler) { BaseAddress = _server.Url };
    }
}
