namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// A parsed <c>_bulk</c> response. <see cref="Errors"/> and <see cref="Items"/> may be absent when the request
/// trimmed the response with <c>filter_path</c>.
/// </summary>
sealed class BulkResponse
{
    public bool? Errors { get; init; }
    public required IReadOnlyList<BulkItemResult> Items { get; init; }
    public bool HasItems { get; init; }
}
