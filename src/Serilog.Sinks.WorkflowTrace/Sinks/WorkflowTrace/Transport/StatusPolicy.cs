namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// What an HTTP status means for delivery, in one place: which answers are tried again, which take a node out of
/// rotation, which settle a bulk item. Every rule is a one-liner over the same "try again" set, which is Elastic's
/// own (<c>IngestChannelStatics.RetryStatusCodes</c> in elastic-ingest-dotnet): the cluster is busy (429) or a
/// node, shard or gateway is unavailable (502, 503, 504). Anything else is an answer, and sending the same
/// request again would get the same one.
/// </summary>
static class StatusPolicy
{
    /// <summary>A gateway or node that cannot serve now: the node (or what stands in front of it) is unfit.</summary>
    public static bool IsUnavailable(int status) => status is 502 or 503 or 504;

    /// <summary>The "try again" set: busy, or unavailable. The same request may succeed later.</summary>
    public static bool IsTryAgain(int status) => status == 429 || IsUnavailable(status);

    /// <summary>The request succeeded as a whole (its items may still have failed one by one).</summary>
    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    // Requests ---------------------------------------------------------------------------------------------------

    /// <summary>A whole request answered so is sent again, with back-off, by the retrying transport.</summary>
    public static bool RetryRequest(int status) => IsTryAgain(status);

    /// <summary>A bulk request answered so is too large for the server: it is split, or its one document cut.</summary>
    public static bool SplitRequest(int status) => status == 413;

    // Nodes ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// An answer that takes the node out of rotation (the request moves to the next node): unavailable, or a body
    /// that is not JSON (a proxy's HTML page) — except for 401, 403 and 413, which a security layer or a proxy
    /// answers as HTML too, and which another node would answer the same.
    /// </summary>
    public static bool TakesNodeOutOfRotation(int status, bool foreignBody) =>
        IsUnavailable(status) || foreignBody && status is not (401 or 403 or 413);

    /// <summary>A ping (<c>HEAD /</c>) of a dead node answered so leaves it dead: a server error, or busy.</summary>
    public static bool FailsPing(int status) => status is >= 500 or 429;

    // Bulk items -------------------------------------------------------------------------------------------------

    /// <summary>
    /// An item that settles its document as delivered: a 2xx status, or 409 on <c>create</c> — the document with
    /// our id is already there, so a resend of something that arrived counts as delivered. An item without status
    /// or error (a body trimmed by <c>filter_path</c>) is taken as done.
    /// </summary>
    public static bool ItemDelivered(int? status, string? action, bool hasError) =>
        status is { } s ? IsSuccess(s) || s == 409 && action == "create" : !hasError;

    /// <summary>An item whose document is resent alone, with back-off.</summary>
    public static bool RetryItem(int? status) => status is { } s && IsTryAgain(s);

    /// <summary>
    /// An item rejected for what the document holds (a mapping or parsing error, a field over a limit): the document
    /// is sent once more in a degraded form, which may be accepted where the document as sent is not.
    /// </summary>
    public static bool DegradeItem(int? status) => status == 400;
}
