using Serilog.Sinks.WorkflowTrace.Bootstrap;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>How the entries of a search are paged on one server, and with which tiebreaker.</summary>
enum PagingMethod
{
    /// <summary>Elasticsearch 7.10+ and serverless: <c>POST /{index}/_pit</c>, <c>DELETE /_pit</c>.</summary>
    ElasticPointInTime,

    /// <summary>OpenSearch 2.4+: <c>POST /{index}/_search/point_in_time</c>, <c>DELETE /_search/point_in_time</c>.</summary>
    OpenSearchPointInTime,

    /// <summary>Servers without a point in time (Elasticsearch 7.0–7.9, OpenSearch before 2.4): a sorted scroll.</summary>
    Scroll,
}

/// <summary>
/// The paging a server allows. A point in time is paged with <c>search_after</c> on <c>datetime</c> and a tiebreaker
/// that is unique per document, so no hit is skipped or repeated between pages:
/// <list type="bullet">
/// <item><c>_shard_doc</c> on Elasticsearch 7.12+ and serverless (where a point in time adds it anyway), and on
/// OpenSearch 3.3+, which added it then;</item>
/// <item><c>_id</c> on Elasticsearch 7.10 and 7.11 (no <c>_shard_doc</c> yet; sorting on <c>_id</c> loads its field
/// data and draws a deprecation warning, but works throughout 7.x) and on OpenSearch 2.4–3.2 (no <c>_shard_doc</c>;
/// field data on <c>_id</c> stays allowed). Elasticsearch 8+ refuses <c>_id</c>, which is why it is not used there.</item>
/// </list>
/// A scroll needs no tiebreaker: it hands out every hit once, in the sort order, from a view frozen when it started.
/// Unknown servers are read with a scroll, which every version has.
/// </summary>
sealed record PagingPlan(PagingMethod Method, string? Tiebreaker)
{
    static readonly Version ElasticPointInTime = new(7, 10);
    static readonly Version ElasticShardDoc = new(7, 12);
    static readonly Version OpenSearchPointInTime = new(2, 4);
    static readonly Version OpenSearchShardDoc = new(3, 3);

    public static PagingPlan For(ServerInfo server) => server.Kind switch
    {
        ServerKind.ElasticsearchServerless => new(PagingMethod.ElasticPointInTime, "_shard_doc"),
        ServerKind.Elasticsearch when server.Version >= ElasticShardDoc => new(PagingMethod.ElasticPointInTime, "_shard_doc"),
        ServerKind.Elasticsearch when server.Version >= ElasticPointInTime => new(PagingMethod.ElasticPointInTime, "_id"),
        ServerKind.OpenSearch when server.Version >= OpenSearchShardDoc => new(PagingMethod.OpenSearchPointInTime, "_shard_doc"),
        ServerKind.OpenSearch when server.Version >= OpenSearchPointInTime => new(PagingMethod.OpenSearchPointInTime, "_id"),
        _ => new(PagingMethod.Scroll, null),
    };
}
