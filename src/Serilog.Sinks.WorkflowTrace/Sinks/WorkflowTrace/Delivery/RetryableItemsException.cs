namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>
/// Some documents of a batch were answered with a status that may succeed later (429, 502, 503, 504). Thrown so
/// that Serilog's batching hands the batch back after its back-off; only those documents are sent again.
/// </summary>
sealed class RetryableItemsException : Exception
{
    public RetryableItemsException(int count, string firstReason)
        : base($"{count} document(s) were not accepted yet and will be sent again; first reason: {firstReason}")
    {
    }
}
