using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// A request to flush, carried through Serilog's batching as the message template of marker events (as
/// <see cref="CapturedEvent"/> is). Events logged before it are in its batch or an earlier one, so once a batch
/// holding a marker has been shipped, everything logged before the flush is delivered or reported: the request
/// completes true, and the flush answers true unless events were reported dropped (the ledger counts them). When
/// that batch's attempt fails instead, the result is false at once — the events stay queued for Serilog's later
/// retries, and a flush does not wait out an outage.
/// </summary>
sealed class FlushRequest : MessageTemplate
{
    static readonly Dictionary<string, LogEventPropertyValue> NoProperties = new(0);
    readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FlushRequest()
        : base("", [])
    {
        Marker = LogEvent.UnstableAssembleFromParts(DateTimeOffset.UtcNow, LogEventLevel.Fatal, null, this, NoProperties, default, default);
    }

    /// <summary>The one marker event, enqueued as many times as it takes to fill a batch.</summary>
    public LogEvent Marker { get; }

    public Task<bool> Completion => _done.Task;

    public void Complete(bool delivered) => _done.TrySetResult(delivered);

    /// <summary>Finds the flush request a marker event carries, or null for any other event.</summary>
    public static FlushRequest? From(LogEvent logEvent) => logEvent.MessageTemplate as FlushRequest;

    /// <summary>Completes every flush whose marker is among <paramref name="events"/>.</summary>
    public static void CompleteAll(IEnumerable<LogEvent> events, bool delivered)
    {
        foreach (var logEvent in events)
            From(logEvent)?.Complete(delivered);
    }
}
