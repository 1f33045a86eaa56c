namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// One run read back whole, as <see cref="WorkflowTraceReader.FindRunAsync"/> returns it: its entries in order,
/// its summary, the Python handler's <c>stdout</c>/<c>stderr</c> text views, and its child runs when asked for.
/// </summary>
public sealed class WorkflowRunTrace
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The run's parent, when it is a child run.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>Every entry of the run, oldest first; events of one thread keep their order.</summary>
    public required IReadOnlyList<TraceEntry> Entries { get; init; }

    /// <summary>The run's summary; null when it has no entry.</summary>
    public RunSummary? Summary { get; init; }

    /// <summary>The entries whose <c>mode</c> is not <c>stderr</c>, one line each, in the Python handler's format.</summary>
    public required string Stdout { get; init; }

    /// <summary>The entries whose <c>mode</c> is <c>stderr</c>, one line each, in the Python handler's format.</summary>
    public required string Stderr { get; init; }

    /// <summary>The child runs (<c>parent_run_id</c> is this run), each with its own children; empty unless asked for.</summary>
    public IReadOnlyList<WorkflowRunTrace> Children { get; init; } = [];

    /// <summary>Whether no entry of the run was found.</summary>
    public bool IsEmpty => Entries.Count == 0;
}
