using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// The <c>certificateFingerprint</c> check. The pinned certificate is either the server's own — then it is trusted
/// as it is, whatever its chain and name, as the user vouched for exactly that certificate — or an authority the
/// server presented with it (Elasticsearch presents its auto-configured HTTP CA). An authority only counts when it
/// really signed the chain: every certificate below it must verify up to it, without any chain error, and the
/// host name must match. Finding its fingerprint somewhere in what the server sent proves nothing, since an
/// authority's certificate is public and anyone can name it as the issuer of a certificate they signed themselves.
/// </summary>
static class FingerprintPin
{
    /// <summary>What the pinned authority may be flagged with: it is the trust anchor, so what lies above it does not matter.</summary>
    const X509ChainStatusFlags AllowedOnPinnedAuthority = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

    public static bool Holds(string fingerprint, X509Certificate2 server, X509Certificate2Collection presented, SslPolicyErrors errors)
    {
        if (Fingerprint(server) == fingerprint)
            return true;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;

        var pinned = presented.Skip(1).FirstOrDefault(c => Fingerprint(c) == fingerprint);
        if (pinned is null)
            return false;

        using var chain = CertificateValidation.NewChain(presented);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        if (pinned.SubjectName.RawData.AsSpan().SequenceEqual(pinned.IssuerName.RawData))
            chain.ChainPolicy.CustomTrustStore.Add(pinned);
        try
        {
            chain.Build(server);
            return SignedBy(chain, fingerprint);
        }
        finally
        {
            CertificateValidation.DisposeElements(chain);
        }
    }

    /// <summary>Whether the pinned certificate is an issuer in <paramref name="chain"/> and every link below it is sound.</summary>
    static bool SignedBy(X509Chain chain, string fingerprint)
    {
        for (var i = 0; i < chain.ChainElements.Count; i++)
        {
            var element = chain.ChainElements[i];
            var flags = element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
            if (i > 0 && Fingerprint(element.Certificate) == fingerprint)
                return (flags & ~AllowedOnPinnedAuthority) == X509ChainStatusFlags.NoError;
            if (flags != X509ChainStatusFlags.NoError)
                return false;
        }
        return false;
    }

    /// <summary>Upper-case hex SHA-256 of the DER certificate, as the setting is normalised.</summary>
    static string Fingerprint(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
