namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// What the TLS settings mean together, checked at start-up so that none is silently ignored:
/// <list type="bullet">
/// <item><c>certificateFingerprint</c> and <c>caCertificatePath</c> together: both checks must pass.</item>
/// <item>Either of them with <c>verifyCertificates: false</c>: refused, as one asks for a check the other switches off.</item>
/// <item><c>certificateFingerprint</c>, <c>caCertificatePath</c> or <c>clientCertificatePath</c> with an <c>http://</c>
/// host: refused, as that host would get neither the check nor the certificate.</item>
/// </list>
/// </summary>
static class TlsSettingRules
{
    public static void Check(IReadOnlyList<Uri> hosts, bool verifyCertificates, string? fingerprint, string? caPath, string? clientCertificatePath)
    {
        if (!verifyCertificates && (fingerprint is not null || caPath is not null))
        {
            var asking = fingerprint is not null ? "certificateFingerprint" : "caCertificatePath";
            throw SettingException.Invalid("verifyCertificates", "false",
                $"it switches certificate checks off while {asking} asks for one; remove one of the two");
        }

        var (setting, value) = fingerprint is not null ? ("certificateFingerprint", fingerprint)
            : caPath is not null ? ("caCertificatePath", caPath)
            : clientCertificatePath is not null ? ("clientCertificatePath", clientCertificatePath)
            : (null, null);
        if (setting is null)
            return;

        var plain = hosts.Where(h => h.Scheme == Uri.UriSchemeHttp).ToList();
        if (plain.Count > 0)
        {
            throw SettingException.Invalid(setting, value,
                $"TLS settings apply to https:// hosts only, and {string.Join(", ", plain)} {(plain.Count == 1 ? "is" : "are")} http://, " +
                $"where it would be ignored; use https:// for every host, or remove {setting}");
        }
    }
}
