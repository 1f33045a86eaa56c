using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>A throwaway certificate authority, a server certificate it issued for 127.0.0.1, and client certificates on demand.</summary>
sealed class TestCertificates : IDisposable
{
    TestCertificates(X509Certificate2 authority, X509Certificate2 server, string authorityPemPath)
    {
        Authority = authority;
        Server = server;
        AuthorityPemPath = authorityPemPath;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>With its private key, for the HTTPS server.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The authority's certificate as a PEM file, as a user would point <c>caCertificatePath</c> at it.</summary>
    public string AuthorityPemPath { get; }

    /// <summary>Hex SHA-256 of the server certificate, with colons, as <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
    public string ServerFingerprint =>
        string.Join(":", SHA256.HashData(Server.RawData).Select(b => b.ToString("X2")));

    /// <summary>
    /// A client certificate (extended key usage clientAuth) issued by <see cref="Authority"/>, with its private key;
    /// the caller disposes it.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string subject = "CN=workflowtrace-client")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Authority, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(16));
        // Round-trip through PFX so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
    }

    public static TestCertificates Create()
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=WorkflowTrace Test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = serverRequest.Create(authority, now.AddDays(-1), now.AddDays(29), serial);
        // Round-trip through PFX so the key is usable by the TLS stack on every platform.
        var server = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pfx), null);

        var pemPath = Path.Combine(Path.GetTempPath(), $"workflowtrace-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pemPath, authority.ExportCertificatePem());
        return new TestCertificates(authority, server, pemPath);
    }

    public void Dispose()
    {
        File.Delete(AuthorityPemPath);
        Authority.Dispose();
        Server.Dispose();
    }
}
