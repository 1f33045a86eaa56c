using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// TLS server-certificate checks beyond the operating system's: a pinned SHA-256 fingerprint
/// (<see cref="FingerprintPin"/>), a private CA file, both (then both must pass), or — when asked for explicitly —
/// no check at all.
/// </summary>
static class CertificateValidation
{
    static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    public static RemoteCertificateValidationCallback? Create(WorkflowTraceSettings settings)
    {
        var fingerprint = settings.CertificateFingerprint;
        var authorities = settings.CaCertificates;
        if (fingerprint is not null || authorities is not null)
            return (_, certificate, chain, errors) => Validate(fingerprint, authorities, certificate, chain, errors);

        if (!settings.VerifyCertificates)
        {
            SelfLog.WriteLine("WorkflowTrace: TLS certificate verification is switched off (verifyCertificates=false); use this only for testing");
            return (_, _, _, _) => true;
        }

        return null;
    }

    static bool Validate(string? fingerprint, X509Certificate2Collection? authorities, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;

        var presented = Presented(certificate, chain);
        try
        {
            var server = presented[0];
            return (fingerprint is null || FingerprintPin.Holds(fingerprint, server, presented, errors))
                   && (authorities is null || IsIssuedBy(authorities, server, presented, errors));
        }
        finally
        {
            foreach (var copy in presented)
                copy.Dispose();
        }
    }

    /// <summary>
    /// Copies of the server's certificate (first) and of every certificate the server presented with it or the
    /// system found for it: what the TLS stack built its chain from (<see cref="X509ChainPolicy.ExtraStore"/>) and
    /// what it built. The TLS stack disposes its own once the check returns.
    /// </summary>
    static X509Certificate2Collection Presented(X509Certificate certificate, X509Chain? chain)
    {
        var presented = new X509Certificate2Collection { Copy(certificate) };
        if (chain is null)
            return presented;
        foreach (var extra in chain.ChainPolicy.ExtraStore)
            presented.Add(Copy(extra));
        foreach (var element in chain.ChainElements)
            presented.Add(Copy(element.Certificate));
        return presented;
    }

    static X509Certificate2 Copy(X509Certificate certificate)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
#else
        return new X509Certificate2(certificate.GetRawCertData());
#endif
    }

    /// <summary>
    /// Whether the operating system trusts the certificate, or it chains to one of <paramref name="authorities"/>
    /// through what the server presented (its intermediates); the host name must match either way.
    /// </summary>
    static bool IsIssuedBy(X509Certificate2Collection authorities, X509Certificate2 server, X509Certificate2Collection presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;

        using var chain = NewChain(presented);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        try
        {
            return chain.Build(server);
        }
        finally
        {
            DisposeElements(chain);
        }
    }

    /// <summary>A chain over <paramref name="presented"/> as the TLS stack checks it: for server authentication, no revocation check.</summary>
    internal static X509Chain NewChain(X509Certificate2Collection presented)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        return chain;
    }

    internal static void DisposeElements(X509Chain chain)
    {
        foreach (var element in chain.ChainElements)
            element.Certificate.Dispose();
    }
}
