using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// A throwaway root authority, an intermediate authority it issued, and server certificates for 127.0.0.1: one the
/// intermediate really signed, and forgeries that only name an authority as issuer, signed with an attacker's key.
/// Only the public halves of the authorities are handed out, as a server (or an attacker) would present them.
/// </summary>
sealed class TestCertificateChain : IDisposable
{
    static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    readonly RSA _rootKey;
    readonly RSA _intermediateKey;
    readonly RSA _attackerKey = RSA.Create(2048);

    TestCertificateChain()
    {
        var now = DateTimeOffset.UtcNow;
        _rootKey = RSA.Create(2048);
        var rootRequest = AuthorityRequest("CN=WorkflowTrace Test Root CA", _rootKey);
        using (var root = rootRequest.CreateSelfSigned(now.AddDays(-2), now.AddDays(30)))
            Root = X509CertificateLoader.LoadCertificate(root.RawData);

        _intermediateKey = RSA.Create(2048);
        var intermediateRequest = AuthorityRequest("CN=WorkflowTrace Test Intermediate CA", _intermediateKey);
        using (var intermediate = intermediateRequest.Create(Root.SubjectName, Signer(_rootKey), now.AddDays(-1), now.AddDays(29), Serial()))
            Intermediate = X509CertificateLoader.LoadCertificate(intermediate.RawData);

        RootPemPath = Path.Combine(Path.GetTempPath(), $"workflowtrace-test-root-{Guid.NewGuid():N}.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem());
    }

    public static TestCertificateChain Create() => new();

    /// <summary>Self-signed; the server leaves it out of the handshake.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Issued by <see cref="Root"/>.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>The root's certificate as a PEM file, as a user would point <c>caCertificatePath</c> at it.</summary>
    public string RootPemPath { get; }

    /// <summary>A server certificate (with its private key) really signed by <see cref="Intermediate"/>.</summary>
    public X509Certificate2 IssueByIntermediate() => ServerCertificate(Intermediate.SubjectName, _intermediateKey);

    /// <summary>A server certificate (with its private key) really signed by <see cref="Root"/>.</summary>
    public X509Certificate2 IssueByRoot() => ServerCertificate(Root.SubjectName, _rootKey);

    /// <summary>
    /// A server certificate (with its private key) that names <paramref name="claimedIssuer"/> as its issuer but is
    /// signed with the attacker's own key: anyone can make one, since an authority's certificate is public.
    /// </summary>
    public X509Certificate2 Forge(X509Certificate2 claimedIssuer) => ServerCertificate(claimedIssuer.SubjectName, _attackerKey);

    /// <summary>
    /// The attacker's own intermediate: a certificate with the real intermediate's name, naming
    /// <see cref="Root"/> as its issuer but signed with the attacker's key, and a server certificate (with its
    /// private key) that it really signed.
    /// </summary>
    public (X509Certificate2 Intermediate, X509Certificate2 Server) ForgeIntermediate()
    {
        var now = DateTimeOffset.UtcNow;
        var request = AuthorityRequest(Intermediate.Subject, _attackerKey);
        using var forged = request.Create(Root.SubjectName, Signer(_attackerKey), now.AddDays(-1), now.AddDays(29), Serial());
        return (X509CertificateLoader.LoadCertificate(forged.RawData), ServerCertificate(forged.SubjectName, _attackerKey));
    }

    /// <summary>Hex SHA-256 of <paramref name="certificate"/>, with colons, as <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(":", SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2")));

    static CertificateRequest AuthorityRequest(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    static X509Certificate2 ServerCertificate(X500DistinguishedName issuer, RSA signingKey)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(issuer, Signer(signingKey), now.AddHours(-1), now.AddDays(7), Serial());
        // Round-trip through PFX so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
    }

    static X509SignatureGenerator Signer(RSA key) => X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);

    static byte[] Serial() => RandomNumberGenerator.GetBytes(16);

    public void Dispose()
    {
        File.Delete(RootPemPath);
        Root.Dispose();
        Intermediate.Dispose();
        _rootKey.Dispose();
        _intermediateKey.Dispose();
        _attackerKey.Dispose();
    }
}
