using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Basic, ApiKey and Bearer authentication with Elasticsearch's 401 answers: any configured scheme may match.</summary>
internal sealed class Authenticator(FakeElasticsearchOptions options)
{
    // The challenges a default Elasticsearch security realm chain sends.
    private static readonly string[] Challenges = ["Basic realm=\"security\" charset=\"UTF-8\"", "Bearer realm=\"security\"", "ApiKey"];

    private bool Enabled => options.Username is not null || options.ApiKey is not null || options.BearerToken is not null;

    /// <summary>The 401 for a request that does not authenticate, or null when it does (or auth is off).</summary>
    public EsError? Check(string? authorization, string uri)
    {
        if (!Enabled)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Unauthorized($"missing authentication credentials for REST request [{uri}]");
        }

        var space = authorization.IndexOf(' ');
        var scheme = space < 0 ? authorization : authorization[..space];
        var value = space < 0 ? string.Empty : authorization[(space + 1)..].Trim();
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            var (user, password) = DecodeBasic(value);
            if (options.Username is not null && user == options.Username && password == (options.Password ?? string.Empty))
            {
                return null;
            }

            // Elasticsearch names the user, never the password.
            return Unauthorized($"unable to authenticate user [{user}] for REST request [{uri}]");
        }

        if (scheme.Equals("ApiKey", StringComparison.OrdinalIgnoreCase) && options.ApiKey is not null && value == options.ApiKey)
        {
            return null;
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && options.BearerToken is not null && value == options.BearerToken)
        {
            return null;
        }

        return Unauthorized("unable to authenticate with provided credentials and anonymous access is not allowed for this request");
    }

    private static (string User, string? Password) DecodeBasic(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (string.Empty, null);
        }
    }

    private static EsError Unauthorized(string reason) =>
        new(401, "security_exception", reason)
        {
            Headers = Challenges.Select(c => new KeyValuePair<string, string>("WWW-Authenticate", c)).ToList(),
        };
}
