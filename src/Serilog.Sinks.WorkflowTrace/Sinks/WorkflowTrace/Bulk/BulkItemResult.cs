namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>One item of a <c>_bulk</c> response, matched to its document by position.</summary>
readonly record struct BulkItemResult(string? Action, int? Status, string? ErrorType, string? ErrorReason)
{
    public bool HasError => ErrorType is not null || ErrorReason is not null;

    /// <summary>
    /// Done: a 2xx status, or 409 on <c>create</c> — the document with our id is already there, so a resend of
    /// something that arrived counts as delivered. An item without status or error (a body trimmed by
    /// <c>filter_path</c>) is taken as done.
    /// </summary>
    public bool IsDelivered =>
        Status is >= 200 and < 300 ||
        Status == 409 && Action == "create" ||
        Status is null && !HasError;

    /// <summary>Failures that may succeed when sent again: the cluster is busy or a shard is unavailable.</summary>
    public bool IsRetryable => Status is 429 or 502 or 503 or 504;

    /// <summary>
    /// Rejected for what the document holds (a mapping or parsing error, a field over a limit): a degraded form may
    /// be accepted where the document as sent is not.
    /// </summary>
    public bool IsContentRejection => Status == 400;

    public string Describe() =>
        $"status {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}, " +
        $"{ErrorType ?? "error"}: {ErrorReason ?? "(no reason given)"}";
}
