using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Turns the Python handler's <c>es_hosts</c> forms (one URL, a list, a comma/semicolon separated string) into node URIs.
/// </summary>
/// <remarks>
/// A host URL may carry a password, and a password may hold any character, so nothing here echoes text that could
/// be part of one: a list is split only where a separator is followed by a new URL's scheme (',' and ';' are
/// allowed in a URL's password), and an entry of a value holding an '@' is shown in an error only as its place in
/// the list, or rebuilt from what the URL parser took for scheme, host, port and path when it found the password
/// where it belongs.
/// </remarks>
static partial class HostListParser
{
    public static IReadOnlyList<Uri> Parse(string? hosts, IEnumerable<string>? hostList) => ParseWithCredentials(hosts, hostList).Hosts;

    /// <summary>
    /// The node URIs (without user-info) and the basic-auth credentials given as a URL's user-info
    /// (<c>https://user:password@host:9200</c>, percent-decoded), which every URL that has any must agree on.
    /// </summary>
    public static (IReadOnlyList<Uri> Hosts, (string User, string Password)? Credentials) ParseWithCredentials(string? hosts, IEnumerable<string>? hostList)
    {
        if (hosts is null && hostList is null)
            return ([new Uri(WorkflowTraceDefaults.Hosts)], null);

        var entries = new List<HostEntry>();
        if (hosts is not null)
            entries.AddRange(Split(hosts, "hosts"));
        if (hostList is not null)
        {
            foreach (var item in hostList)
            {
                if (item is not null)
                    entries.AddRange(Split(item, "hostList"));
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
            var (uri, parsed, userInfo) = ParseOne(entry);
            if (userInfo is not null)
            {
                if (credentials is not null && credentials != userInfo)
                    throw entry.Invalid(parsed, "the host URLs carry different credentials; one set of credentials is used for every node");
                credentials = userInfo;
            }
            if (!result.Contains(uri))
                result.Add(uri);
        }

        return (result, credentials);
    }

    /// <summary>The node URI (no user-info, path ending in '/'), the URI as parsed, and the credentials it carried.</summary>
    static (Uri Node, Uri Parsed, (string User, string Password)? Credentials) ParseOne(HostEntry entry)
    {
        if (!Uri.TryCreate(entry.Text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw entry.Invalid(null, entry.MayHoldCredentials
                ? $"each host must be an absolute URL such as \"http://localhost:9200\"; {PercentEncodingHint}"
                : "each host must be an absolute URL such as \"http://localhost:9200\"");
        }

        // An '@' that the URL parser did not take for the end of the user-info is a password's character read as
        // part of the path, query or fragment (or of a second '@'): refused, or the password would become a path.
        if (entry.Text.Contains('@', StringComparison.Ordinal) && string.IsNullOrEmpty(uri.UserInfo) || entry.Text.Count(c => c == '@') > 1)
            throw entry.Invalid(null, $"the host URL has an '@' outside its user-info; {PercentEncodingHint}");

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw entry.Invalid(uri, $"the scheme '{uri.Scheme}' is not supported; use http or https");

        (string User, string Password)? credentials = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == uri.UserInfo.Length - 1)
                throw entry.Invalid(uri, "credentials in a URL must be 'user:password@' (percent-encoded); or use the username/password settings");
            credentials = (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw entry.Invalid(uri, "a host URL must not carry a query string or fragment");

        // A path prefix (Elasticsearch behind a reverse proxy) is kept; requests are made relative to it.
        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        if (!builder.Path.EndsWith('/'))
            builder.Path += "/";
        return (builder.Uri, uri, credentials);
    }

    const string PercentEncodingHint =
        "percent-encode the characters '/', '?', '#', '@' and ':' in a URL's user name or password ('%2F', '%3F', '%23', '%40', '%3A'), or give them in the username and password settings";

    /// <summary>
    /// The entries of one setting's value: split at ',' or ';' only where a URL's scheme follows, since both may
    /// be part of a password. A value with no scheme at all is split at every separator, as before.
    /// </summary>
    static IEnumerable<HostEntry> Split(string value, string setting)
    {
        var parts = value.Contains("://", StringComparison.Ordinal)
            ? SeparatorBeforeScheme().Split(value)
            : value.Split([',', ';']);
        var texts = parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var mayHoldCredentials = value.Contains('@', StringComparison.Ordinal);
        return texts.Select((text, index) => new HostEntry(setting, text, index + 1, texts.Count, mayHoldCredentials));
    }

    [GeneratedRegex(@"[,;](?=\s*[A-Za-z][A-Za-z0-9+.\-]*://)", RegexOptions.CultureInvariant)]
    private static partial Regex SeparatorBeforeScheme();

    /// <summary>One URL of a setting's value, and how it may be shown in an error.</summary>
    readonly record struct HostEntry(string Setting, string Text, int Number, int Count, bool MayHoldCredentials)
    {
        public ArgumentException Invalid(Uri? parsed, string why)
        {
            // Without an '@' in the whole value there is no password to hide; a query string is left out all the same.
            if (!MayHoldCredentials)
                return SettingException.Invalid(Setting, parsed is null ? Text : Rebuilt(parsed, ""), why);
            // Rebuilt only from a URL whose one '@' the parser took for the end of the user-info: what follows is
            // then the host, never part of the password.
            if (parsed is not null && !string.IsNullOrEmpty(parsed.UserInfo) && Text.Count(c => c == '@') == 1)
                return SettingException.Invalid(Setting, Rebuilt(parsed, "***@"), why);
            return SettingException.Concealed(Setting, $"entry {Number} of {Count}", why);
        }

        static string Rebuilt(Uri parsed, string userInfo) =>
            $"{parsed.Scheme}://{userInfo}{parsed.GetComponents(UriComponents.HostAndPort, UriFormat.UriEscaped)}{parsed.AbsolutePath}";
    }
}
