namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>The kinds of server the sink knows how to bootstrap.</summary>
enum ServerKind
{
    Unknown,
    Elasticsearch,
    ElasticsearchServerless,
    OpenSearch,
}
