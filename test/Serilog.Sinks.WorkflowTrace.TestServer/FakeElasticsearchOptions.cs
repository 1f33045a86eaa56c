using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>How a <see cref="FakeElasticsearch"/> is set up.</summary>
public sealed class FakeElasticsearchOptions
{
    /// <summary>
    /// When set (with <see cref="Password"/>), <c>Authorization: Basic</c> with these credentials is accepted. Once any
    /// of <see cref="Username"/>, <see cref="ApiKey"/> and <see cref="BearerToken"/> is set, a request must match one
    /// of the configured schemes, or gets Elasticsearch's 401.
    /// </summary>
    public string? Username { get; init; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>When set, <c>Authorization: ApiKey &lt;value&gt;</c> with exactly this value is accepted.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// When set, <c>Authorization: Bearer &lt;value&gt;</c> with exactly this value is accepted (an access or
    /// service account token).
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// The body of <c>GET /</c>, read once to decide which server the fake plays (see <see cref="RootResponses"/>):
    /// Elasticsearch of that version, serverless, or OpenSearch. Default: Elasticsearch 9.1.0's answer from the
    /// specification's example. A body that is not a server's answer is sent as given and leaves the default behaviour.
    /// </summary>
    public string RootResponseJson { get; init; } = RootResponses.Elasticsearch910;

    /// <summary>Largest accepted body (after decompression), like <c>http.max_content_length</c>; larger ones get 413 with an empty body.</summary>
    public int MaxContentLengthBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>
    /// Whether the server has Elasticsearch's built-in index templates <c>logs</c> (<c>logs-*-*</c>), <c>metrics</c>
    /// and <c>synthetics</c>, priority 100, which make matching names data streams: <c>create</c> only,
    /// <c>@timestamp</c> required, documents land in a <c>.ds-</c> backing index. They are real templates (listed by
    /// <c>GET _index_template</c>, in the way of a user template on the same patterns at the same priority). Only
    /// Elasticsearch 7.9+ and serverless have them; OpenSearch never does. Default true.
    /// </summary>
    public bool BuiltInDataStreamTemplates { get; init; } = true;

    /// <summary>
    /// Path prefixes (without the leading slash, e.g. <c>_index_template</c>, <c>_ilm</c>, <c>_plugins/_ism</c>) the
    /// caller is not allowed to use: such requests get the 403 <c>security_exception</c> the server sends to a user
    /// lacking the privilege (<c>manage_index_templates</c>, <c>manage_ilm</c>, OpenSearch's
    /// <c>cluster:admin/opendistro/ism/policy/write</c>, ...). A forbidden <c>_bulk</c> is answered per item, as
    /// Elasticsearch authorizes writes per index. Unknown paths and wrong methods are refused first, as on the server.
    /// </summary>
    public IReadOnlyCollection<string> Forbidden { get; init; } = [];

    /// <summary>
    /// The loopback port to listen on; 0 (the default) takes a free one. A fixed port serves a development server
    /// (<c>workflow-trace dev-server --port 9200</c>); nodes of a <see cref="FakeElasticsearchCluster"/> always take free ones.
    /// </summary>
    public int Port { get; init; }

    /// <summary>
    /// Whether every request is kept for <see cref="FakeElasticsearch.Requests"/> (default true, as tests inspect them).
    /// A long-running development server turns it off, so that its memory holds the documents and not every body sent.
    /// </summary>
    public bool RecordRequests { get; init; } = true;

    /// <summary>When set, the server speaks HTTPS with this certificate (which must carry its private key).</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// Intermediate certificates sent after <see cref="ServerCertificate"/> in the TLS handshake, as a server configured
    /// with a certificate chain file sends them. (The TLS stack leaves out a self-signed root it can reach.)
    /// </summary>
    public X509Certificate2Collection? ServerCertificateChain { get; init; }

    /// <summary>
    /// When set (HTTPS only: <see cref="ServerCertificate"/> is required), clients must present a certificate issued
    /// by this authority, like <c>xpack.security.http.ssl.client_authentication: required</c>; a missing one or one
    /// from another authority fails the TLS handshake. The chain is built with this certificate as the only trusted
    /// root, without a revocation check.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
