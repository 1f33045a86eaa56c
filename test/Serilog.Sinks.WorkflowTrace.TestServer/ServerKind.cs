namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Which product the configured root body describes; it decides which APIs exist and how they answer.</summary>
internal enum ServerKind
{
    /// <summary>Self-managed or Elastic Cloud hosted Elasticsearch (<c>build_flavor: default</c>).</summary>
    Elasticsearch,

    /// <summary>Elasticsearch serverless (<c>build_flavor: serverless</c>).</summary>
    Serverless,

    /// <summary>OpenSearch (<c>version.distribution: opensearch</c>).</summary>
    OpenSearch,
}
