using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.ReadingExamples;

/// <summary>The original's "Search and Query Capabilities": finding traces, one trace by run id, a workflow since a date.</summary>
static class SearchAndQuery
{
    public static async Task RunAsync(WorkflowTraceReader reader, SampleRuns runs, DateTimeOffset since)
    {
        // find_traces(): every run, with its summary; no cap, most recent first.
        Console.WriteLine("find_traces -> ListRunsAsync:");
        var found = 0;
        await foreach (var run in reader.ListRunsAsync(new RunFilter { Since = since }))
        {
            if (!runs.All.Contains(run.RunId))
                continue; // runs written before on a shared cluster
            found++;
            Console.WriteLine($"  {run.RunId}: {run.WorkflowName}, {run.Entries} entries, {run.Errors} errors, {run.Status}" +
                              (run.ParentRunId is null ? "" : $", child of {run.ParentRunId}"));
        }
        Console.WriteLine($"Found {found} trace sessions");

        // find_trace_with_id(run_id): every entry of the run, in order, with its child runs.
        Console.WriteLine("find_trace_with_id -> FindRunAsync:");
        var trace = await reader.FindRunAsync(runs.Etl, includeChildren: true);
        Console.WriteLine($"Found trace with {trace.Entries.Count} log entries and {trace.Children.Count} child run(s)");
        Console.WriteLine($"  stderr of {trace.RunId}:");
        foreach (var line in trace.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Console.WriteLine($"    {line.TrimEnd()}");
        foreach (var child in trace.Children)
            Console.WriteLine($"  child {child.RunId}: {child.Entries.Count} entries");

        // The direct query of the original: one workflow since a date, newest first.
        Console.WriteLine("Workflow 'data-pipeline' since a date, newest first:");
        var query = TraceQuery.All.ForWorkflow("data-pipeline").SinceTime(since);
        await foreach (var entry in reader.SearchAsync(query, TraceOrder.NewestFirst))
        {
            if (entry.RunId is { } runId && runs.All.Contains(runId))
                Console.WriteLine($"  Log: {entry.Message}");
        }
    }
}
