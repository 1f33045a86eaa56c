namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Turns the seed's <c>es_hosts</c> forms (one URL, a list, a comma/semicolon separated string) into node URIs.
/// </summary>
static class HostListParser
{
    static readonly char[] Separators = [',', ';'];

    public static IReadOnlyList<Uri> Parse(string? hosts, IEnumerable<string>? hostList) => ParseWithCredentials(hosts, hostList).Hosts;

    /// <summary>
    /// The node URIs (without user-info) and the basic-auth credentials given as a URL's user-info
    /// (<c>https://user:password@host:9200</c>, percent-decoded), which every URL that has any must agree on.
    /// </summary>
    public static (IReadOnlyList<Uri> Hosts, (string User, string Password)? Credentials) ParseWithCredentials(string? hosts, IEnumerable<string>? hostList)
    {
        if (hosts is null && hostList is null)
            return ([new Uri(WorkflowTraceDefaults.Hosts)], null);

        var entries = new List<string>();
        if (hosts is not null)
            entries.AddRange(hosts.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (hostList is not null)
        {
            foreach (var item in hostList)
            {
                if (item is not null)
                    entries.AddRange(item.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        }

        if (entries.Count == 0)
        {
            var setting = hosts is not null ? "hosts" : "hostList";
            throw SettingException.Invalid(setting, hosts ?? "[]", "at least one Elasticsearch URL is required, for example \"http://localhost:9200\"");
        }

        var result = new List<Uri>(entries.Count);
        (string User, string Password)? credentials = null;
        foreach (var entry in entries)
        {
            var setting = hosts is not null && hosts.Contains(entry, StringComparison.Ordinal) ? "hosts" : "hostList";
            var (uri, userInfo) = ParseOne(entry, setting);
            if (userInfo is not null)
            {
                if (credentials is not null && credentials != userInfo)
                    throw SettingException.Invalid(setting, Redact(entry), "the host URLs carry different credentials; one set of credentials is used for every node");
                credentials = userInfo;
            }
            if (!result.Contains(uri))
                result.Add(uri);
        }

        return (result, credentials);
    }

    static (Uri Uri, (string User, string Password)? Credentials) ParseOne(string entry, string setting)
    {
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw SettingException.Invalid(setting, Redact(entry), "each host must be an absolute URL such as \"http://localhost:9200\"");

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw SettingException.Invalid(setting, Redact(entry), $"the scheme '{uri.Scheme}' is not supported; use http or https");

        (string User, string Password)? credentials = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == uri.UserInfo.Length - 1)
                throw SettingException.Invalid(setting, Redact(entry), "credentials in a URL must be 'user:password@' (percent-encoded); or use the username/password settings");
            credentials = (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw SettingException.Invalid(setting, Redact(entry), "a host URL must not carry a query string or fragment");

        // A path prefix (Elasticsearch behind a reverse proxy) is kept; requests are made relative to it.
        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        if (!builder.Path.EndsWith('/'))
            builder.Path += "/";
        return (builder.Uri, credentials);
    }

    /// <summary>Removes any user-info part so a password typed into a URL never reaches an exception message.</summary>
    internal static string Redact(string entry)
    {
        var schemeEnd = entry.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var at = entry.IndexOf('@', start);
        if (at < 0)
            return entry;
        var slash = entry.IndexOf('/', start);
        if (slash >= 0 && slash < at)
            return entry;
        return entry[..start] + "***@" + entry[(at + 1)..];
    }
}
