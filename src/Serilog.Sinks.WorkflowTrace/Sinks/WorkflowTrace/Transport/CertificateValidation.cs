using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// TLS server-certificate checks beyond the operating system's: a pinned SHA-256 fingerprint (as Elastic's
/// clients do it: any certificate of the chain may match), a private CA file, or — when asked for explicitly —
/// no check at all.
/// </summary>
static class CertificateValidation
{
    public static RemoteCertificateValidationCallback? Create(WorkflowTraceSettings settings)
    {
        if (settings.CertificateFingerprint is { } fingerprint)
            return (_, certificate, chain, errors) => MatchesFingerprint(fingerprint, certificate, chain);

        if (settings.CaCertificatePath is { } caPath)
        {
#if NET9_0_OR_GREATER
            var authority = X509CertificateLoader.LoadCertificateFromFile(caPath);
#else
            var authority = new X509Certificate2(caPath);
#endif
            return (_, certificate, chain, errors) => IsIssuedBy(authority, certificate, errors);
        }

        if (!settings.VerifyCertificates)
        {
            SelfLog.WriteLine("WorkflowTrace: TLS certificate verification is switched off (verifyCertificates=false); use this only for testing");
            return (_, _, _, _) => true;
        }

        return null;
    }

    static bool MatchesFingerprint(string fingerprint, X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is not null && Fingerprint(certificate) == fingerprint)
            return true;
        return chain is not null && chain.ChainElements.Any(element => Fingerprint(element.Certificate) == fingerprint);
    }

    static string Fingerprint(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    static bool IsIssuedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
