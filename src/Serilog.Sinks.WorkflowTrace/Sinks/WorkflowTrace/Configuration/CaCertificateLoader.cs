using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Loads the private certificate authority of <c>caCertificatePath</c> at start-up: a DER certificate, or PEM text
/// with one or more certificates (a bundle, as <c>openssl s_client -CAfile</c> takes it). A file that is none of
/// these is refused naming the setting, rather than failing deep inside the TLS set-up.
/// </summary>
static class CaCertificateLoader
{
    const string Setting = "caCertificatePath";

    public static X509Certificate2Collection? Load(string? path)
    {
        if (path is null)
            return null;
        if (!File.Exists(path))
            throw SettingException.Invalid(Setting, path, "no file exists at that path");

        var authorities = new X509Certificate2Collection();
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (LooksLikePem(bytes))
                authorities.ImportFromPemFile(path);
            else if (bytes.Length > 0)
                authorities.Add(LoadDer(bytes));
        }
        catch (CryptographicException ex)
        {
            throw Unreadable(path, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SettingException.Invalid(Setting, path, $"the file could not be read ({ex.Message})");
        }

        if (authorities.Count == 0)
            throw Unreadable(path, "it holds no certificate");
        return authorities;
    }

    static bool LooksLikePem(byte[] bytes) =>
        System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).Contains("-----BEGIN", StringComparison.Ordinal);

    static X509Certificate2 LoadDer(byte[] bytes)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(bytes);
#else
        return new X509Certificate2(bytes);
#endif
    }

    static ArgumentException Unreadable(string path, string why) =>
        SettingException.Invalid(Setting, path, $"the file is not a CA certificate in PEM or DER form ({why})");
}
