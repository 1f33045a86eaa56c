namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// A failure to report for one bulk item instead of storing it. <see cref="Reason"/> may contain the
/// placeholders <c>{id}</c> and <c>{index}</c>, which the server replaces with the item's id and index.
/// </summary>
/// <param name="Status">The item's HTTP status, e.g. 400, 409, 429.</param>
/// <param name="Type">The Elasticsearch exception type, e.g. <c>document_parsing_exception</c>.</param>
/// <param name="Reason">The human-readable reason.</param>
public sealed record ItemError(int Status, string Type, string Reason)
{
    /// <summary>An optional nested cause, rendered as <c>caused_by</c>.</summary>
    public ItemError? CausedBy { get; init; }

    /// <summary>A 400 <c>document_parsing_exception</c> as Elasticsearch reports a value that does not fit a field's mapped type.</summary>
    /// <param name="field">The full path of the field.</param>
    /// <param name="fieldType">The mapped type named in the message.</param>
    /// <param name="value">The offending value named in the message.</param>
    public static ItemError MappingError(string field, string fieldType = "long", string value = "not-a-number") =>
        new(400, "document_parsing_exception",
            $"[1:2] failed to parse field [{field}] of type [{fieldType}] in document with id '{{id}}'. Preview of field's value: '{value}'")
        {
            CausedBy = new ItemError(400, "illegal_argument_exception", $"For input string: \"{value}\""),
        };

    /// <summary>A 409 <c>version_conflict_engine_exception</c>: a <c>create</c> whose id already exists.</summary>
    /// <param name="currentVersion">The version named in the message.</param>
    public static ItemError VersionConflict(long currentVersion = 1) =>
        new(409, "version_conflict_engine_exception",
            $"[{{id}}]: version conflict, document already exists (current version [{currentVersion}])");

    /// <summary>A 429 <c>es_rejected_execution_exception</c>: the node's write pressure limit was hit.</summary>
    public static ItemError TooManyRequests() =>
        new(429, "es_rejected_execution_exception",
            "rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, " +
            "all_bytes=0, coordinating_operation_bytes=4096, max_coordinating_and_primary_bytes=53687091]");

    /// <summary>A 503 <c>unavailable_shards_exception</c>: the primary shard is not active.</summary>
    public static ItemError ShardUnavailable() =>
        new(503, "unavailable_shards_exception",
            "[{index}][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[{index}][0]] containing [1] requests]");
}
