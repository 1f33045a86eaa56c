using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Checks a TLS client certificate the way a cluster that requires client authentication does.</summary>
internal static class ClientCertificates
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to <paramref name="authority"/> alone (not to the machine's roots),
    /// is valid now, and allows client authentication (a certificate without extended key usage allows every use).
    /// Revocation is not checked: a throwaway authority publishes no revocation list.
    /// </summary>
    public static bool IssuedBy(X509Certificate2? certificate, X509Certificate2 authority)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }
}
