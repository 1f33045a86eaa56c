using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Loads the optional TLS client certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with its password) or a PEM
/// file holding the certificate and its private key. Failures name the setting, never the password.
/// </summary>
static class ClientCertificateLoader
{
    public static X509Certificate2? Load(string? path, string? password)
    {
        if (path is null)
        {
            if (!string.IsNullOrEmpty(password))
                throw SettingException.Secret("clientCertificatePassword", "a password is set but no clientCertificatePath is given");
            return null;
        }

        if (!File.Exists(path))
            throw SettingException.Invalid("clientCertificatePath", path, "no file exists at that path");

        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            {
#if NET9_0_OR_GREATER
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
#else
                certificate = new X509Certificate2(path, password);
#endif
            }
            else
            {
                using var pem = string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password);
                // A certificate with an ephemeral PEM key is exported and read back so TLS on every platform can use it.
#if NET9_0_OR_GREATER
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
#else
                certificate = new X509Certificate2(pem.Export(X509ContentType.Pkcs12));
#endif
            }
        }
        catch (CryptographicException ex)
        {
            throw SettingException.Invalid("clientCertificatePath", path,
                $"the file could not be read as a PKCS#12 (.pfx/.p12) or PEM certificate with its private key ({ex.Message}); check clientCertificatePassword");
        }

        if (!certificate.HasPrivateKey)
            throw SettingException.Invalid("clientCertificatePath", path, "the certificate has no private key, so it cannot authenticate the client");
        return certificate;
    }
}
