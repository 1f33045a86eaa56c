using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.ReadingExamples;

/// <summary>The original's "Advanced Queries": errors of the last day, a user's entries, entries with tags, per-workflow counts.</summary>
static class AdvancedQueries
{
    public static async Task RunAsync(WorkflowTraceReader reader, SampleRuns runs)
    {
        await PrintAsync(reader, runs, "Errors of the last day", TraceQuery.All.Errors().InLast(TimeSpan.FromDays(1)));
        await PrintAsync(reader, runs, "Entries of user-123", TraceQuery.All.ForUser("user-123"));
        await PrintAsync(reader, runs, "Entries tagged service:workflow or team:data", TraceQuery.All.WithAnyTag("service:workflow", "team:data"));

        // The aggregation query: entries and errors per workflow (and runs and error rate), every workflow.
        Console.WriteLine("Per workflow (GetWorkflowStatisticsAsync):");
        foreach (var workflow in await reader.GetWorkflowStatisticsAsync(TraceQuery.All.InLast(TimeSpan.FromDays(1))))
        {
            Console.WriteLine($"  {workflow.WorkflowName}: {workflow.Entries} entries, {workflow.Errors} errors " +
                              $"({workflow.ErrorRate:P0}), {workflow.Runs} runs");
        }
    }

    static async Task PrintAsync(WorkflowTraceReader reader, SampleRuns runs, string title, TraceQuery query)
    {
        // The count covers the whole index; the lines only this execution's runs.
        Console.WriteLine($"{title} ({await reader.CountAsync(query)} in the index):");
        await foreach (var entry in reader.SearchAsync(query))
        {
            if (entry.RunId is { } runId && runs.All.Contains(runId))
                Console.WriteLine($"  [{entry.Level}] {entry.RunId}: {entry.Message}");
        }
    }
}
