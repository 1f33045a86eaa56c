using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>How a <see cref="FakeElasticsearch"/> is set up.</summary>
public sealed class FakeElasticsearchOptions
{
    /// <summary>When set (with <see cref="Password"/>), requests need <c>Authorization: Basic</c> with these credentials.</summary>
    public string? Username { get; init; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>When set, <c>Authorization: ApiKey &lt;value&gt;</c> with exactly this value is accepted.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The body of <c>GET /</c>. Default: Elasticsearch 9.1.0's answer from the specification's example.</summary>
    public string RootResponseJson { get; init; } = RootNodeInfo.Elasticsearch910;

    /// <summary>Largest accepted body (after decompression), like <c>http.max_content_length</c>; larger ones get 413 with an empty body.</summary>
    public int MaxContentLengthBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>
    /// Whether names matching <c>logs-*-*</c>, <c>metrics-*-*</c> and <c>synthetics-*-*</c> behave as data streams,
    /// as Elasticsearch's built-in index templates make them: <c>create</c> only, <c>@timestamp</c> required,
    /// documents land in a <c>.ds-</c> backing index. Default true.
    /// </summary>
    public bool BuiltInDataStreamTemplates { get; init; } = true;

    /// <summary>When set, the server speaks HTTPS with this certificate (which must carry its private key).</summary>
    public X509Certificate2? ServerCertificate { get; init; }
}
