namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Which paging APIs a server version has.</summary>
internal static class SearchFeatures
{
    /// <summary>Elasticsearch's <c>POST /{index}/_pit</c>: 7.10+ and serverless.</summary>
    public static bool HasElasticPointInTime(this ServerProfile profile) =>
        profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(7, 10));

    /// <summary>OpenSearch's <c>POST /{index}/_search/point_in_time</c>: 2.4+.</summary>
    public static bool HasOpenSearchPointInTime(this ServerProfile profile) => profile.IsOpenSearch && profile.AtLeast(2, 4);

    /// <summary>Whether a search body may carry <c>pit</c> at all.</summary>
    public static bool HasPointInTime(this ServerProfile profile) => profile.HasElasticPointInTime() || profile.HasOpenSearchPointInTime();

    /// <summary>The <c>_shard_doc</c> sort: Elasticsearch 7.12+ and serverless (implicit in point-in-time searches), OpenSearch 3.3+.</summary>
    public static bool HasShardDocSort(this ServerProfile profile) =>
        profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(7, 12)) || (profile.IsOpenSearch && profile.AtLeast(3, 3));

    /// <summary>Elasticsearch 7.12+ and serverless add <c>_shard_doc</c> to a sorted point-in-time search that lacks it.</summary>
    public static bool AddsShardDocTiebreaker(this ServerProfile profile) =>
        profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(7, 12));

    /// <summary>Sorting on <c>_id</c> (field data on <c>_id</c>): refused from Elasticsearch 8.0 and on serverless; allowed, deprecated, before and on OpenSearch.</summary>
    public static bool AllowsIdSort(this ServerProfile profile) => profile.IsOpenSearch || (profile.IsElasticsearch && !profile.AtLeast(8, 0));
}
