namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// A parsed <c>_bulk</c> response. <see cref="Errors"/> may be absent when the request trimmed the response with
/// <c>filter_path</c>; <see cref="Items"/> may be absent or short in an answer that is not Elasticsearch's (a
/// gateway's <c>{}</c>), which the sink treats as a failed request: only an item per document sent settles them.
/// </summary>
sealed class BulkResponse
{
    public bool? Errors { get; init; }
    public required IReadOnlyList<BulkItemResult> Items { get; init; }
    public bool HasItems { get; init; }
}
