using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>show --json</c>'s document: the run's id, parent, summary, entries in order and child runs, recursively.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ParentRunId">Its parent run, if any.</param>
/// <param name="Summary">Its summary; null when it has no entries (a child known only by reference).</param>
/// <param name="Entries">Its entries in order.</param>
/// <param name="Children">Its child runs.</param>
sealed record RunDocument(string RunId, string? ParentRunId, RunSummary? Summary, IReadOnlyList<TraceEntry> Entries, IReadOnlyList<RunDocument> Children)
{
    /// <summary>The document of <paramref name="run"/> (the text views are left out: <c>--text</c> prints them).</summary>
    public static RunDocument Of(WorkflowRunTrace run) =>
        new(run.RunId, run.ParentRunId, run.Summary, run.Entries, run.Children.Select(Of).ToList());
}
