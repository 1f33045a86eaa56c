namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The query parameters each endpoint accepts. Elasticsearch refuses a request with a parameter the
/// endpoint does not know, so a typo in a client fails here too.
/// </summary>
internal static class RequestParameters
{
    private static readonly string[] Common = ["pretty", "human", "error_trace", "filter_path", "format"];

    private static readonly string[] IndicesOptions = ["ignore_unavailable", "allow_no_indices", "expand_wildcards", "ignore_throttled"];

    private static readonly Dictionary<string, HashSet<string>> ByEndpoint = new(StringComparer.Ordinal)
    {
        ["root"] = Set(),
        ["bulk"] = Set("wait_for_active_shards", "refresh", "routing", "timeout", "type", "_source", "_source_excludes",
            "_source_includes", "pipeline", "require_alias", "require_data_stream", "list_executed_pipelines", "include_source_on_error"),
        ["search"] = Set([.. IndicesOptions, "size", "from", "sort", "track_total_hits", "rest_total_hits_as_int", "typed_keys",
            "_source", "_source_includes", "_source_excludes", "timeout", "request_cache", "preference", "routing",
            "search_type", "terminate_after", "track_scores", "version", "seq_no_primary_term", "batched_reduce_size",
            "ccs_minimize_roundtrips", "allow_partial_search_results", "max_concurrent_shard_requests", "pre_filter_shard_size",
            "q", "df", "analyzer", "default_operator", "lenient", "analyze_wildcard", "explain", "stored_fields",
            "docvalue_fields", "stats", "scroll", "suggest_field", "suggest_mode", "suggest_size", "suggest_text",
            "include_named_queries_score", "force_synthetic_source"]),
        ["count"] = Set([.. IndicesOptions, "q", "df", "analyzer", "default_operator", "lenient", "analyze_wildcard",
            "min_score", "preference", "routing", "terminate_after"]),
        ["open_point_in_time"] = Set([.. IndicesOptions, "keep_alive", "preference", "routing", "allow_partial_search_results", "max_concurrent_shard_requests"]),
        ["close_point_in_time"] = Set(),
        ["create_pit"] = Set("keep_alive", "preference", "routing", "expand_wildcards", "allow_partial_pit_creation"),
        ["delete_pit"] = Set(),
        ["scroll"] = Set("scroll", "scroll_id", "rest_total_hits_as_int"),
        ["clear_scroll"] = Set("scroll_id"),
        ["mapping"] = Set([.. IndicesOptions, "local", "master_timeout"]),
        ["refresh"] = Set(IndicesOptions),
        ["get_index"] = Set([.. IndicesOptions, "local", "master_timeout", "include_defaults", "flat_settings", "features"]),
        ["create_index"] = Set("wait_for_active_shards", "timeout", "master_timeout"),
        ["delete_index"] = Set([.. IndicesOptions, "timeout", "master_timeout"]),
        ["get_doc"] = Set("preference", "realtime", "refresh", "routing", "stored_fields", "_source", "_source_includes",
            "_source_excludes", "version", "version_type"),
        ["get_settings"] = Set([.. IndicesOptions, "flat_settings", "include_defaults", "local", "master_timeout"]),
        ["put_index_template"] = Set("create", "cause", "master_timeout"),
        ["get_index_template"] = Set("local", "flat_settings", "master_timeout", "include_defaults"),
        ["delete_index_template"] = Set("master_timeout", "timeout"),
        ["simulate_index_template"] = Set("master_timeout", "include_defaults"),
        ["simulate_template"] = Set("create", "cause", "master_timeout", "include_defaults"),
        ["put_template"] = Set("create", "order", "master_timeout", "cause"),
        ["get_template"] = Set("flat_settings", "local", "master_timeout"),
        ["delete_template"] = Set("master_timeout", "timeout"),
        ["put_lifecycle"] = Set("master_timeout", "timeout"),
        ["get_lifecycle"] = Set("master_timeout", "timeout"),
        ["delete_lifecycle"] = Set("master_timeout", "timeout"),
        ["ism_put"] = Set("if_seq_no", "if_primary_term", "refresh"),
        ["ism_get"] = Set(),
        ["ism_search"] = Set("from", "size", "sortField", "sortOrder", "queryString", "searchString"),
        ["ism_delete"] = Set("refresh"),
    };

    // OpenSearch renamed master_timeout; both are accepted there.
    private static readonly string[] OpenSearchOnly = ["cluster_manager_timeout"];

    /// <summary>Throws Elasticsearch's 400 when the request carries a parameter the endpoint does not take.</summary>
    public static void Check(string endpoint, EsRequest request, bool openSearch = false)
    {
        var allowed = ByEndpoint[endpoint];
        var unknown = request.Query.Keys
            .Where(k => !allowed.Contains(k) && !(openSearch && OpenSearchOnly.Contains(k) && allowed.Contains("master_timeout")))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new EsErrorException(EsErrors.UnrecognizedParameters(request.Path, unknown));
        }

        if (endpoint == "bulk" && request.Param("refresh") is { } refresh && refresh is not ("" or "true" or "false" or "wait_for"))
        {
            throw new EsErrorException(EsErrors.IllegalArgument($"Unknown value for refresh: [{refresh}]."));
        }
    }

    private static HashSet<string> Set(params string[] names) => new([.. Common, .. names], StringComparer.Ordinal);
}
