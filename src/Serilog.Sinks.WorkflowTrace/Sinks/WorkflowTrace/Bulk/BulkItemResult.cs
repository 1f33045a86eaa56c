using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>One item of a <c>_bulk</c> response, matched to its document by position.</summary>
readonly record struct BulkItemResult(string? Action, int? Status, string? ErrorType, string? ErrorReason)
{
    public bool HasError => ErrorType is not null || ErrorReason is not null;

    /// <summary>Settles its document as delivered (<see cref="StatusPolicy.ItemDelivered"/>).</summary>
    public bool IsDelivered => StatusPolicy.ItemDelivered(Status, Action, HasError);

    /// <summary>Its document is resent alone (<see cref="StatusPolicy.RetryItem"/>).</summary>
    public bool IsRetryable => StatusPolicy.RetryItem(Status);

    /// <summary>Its document is sent once more in a degraded form (<see cref="StatusPolicy.DegradeItem"/>).</summary>
    public bool IsContentRejection => StatusPolicy.DegradeItem(Status);

    public string Describe() =>
        $"status {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}, " +
        $"{ErrorType ?? "error"}: {ErrorReason ?? "(no reason given)"}";
}
