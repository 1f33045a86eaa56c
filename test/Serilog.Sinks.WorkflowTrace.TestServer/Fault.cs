namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One queued, one-shot fault.</summary>
internal sealed record Fault(FaultKind Kind, string PathContains)
{
    public int Status { get; init; }

    public string? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public TimeSpan Delay { get; init; }

    public Func<BulkItemContext, ItemError?>? ItemRule { get; init; }
}
