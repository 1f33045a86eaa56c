using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace ReadmeSnippets;

/// <summary>README.md, "Reading traces": a run, the failed runs of a workflow, the last day's errors, per-workflow figures.</summary>
static class ReadingTraces
{
    public static async Task ReadAsync()
    {
        var options = new WorkflowTraceSinkOptions { Hosts = "http://localhost:9200", IndexName = "workflow-traces" };
        using var reader = new WorkflowTraceReader(options); // the sink's own settings: same hosts, credentials, TLS, node pool

        var trace = await reader.FindRunAsync("workflow-123", includeChildren: true);
        Console.WriteLine($"{trace.Entries.Count} entries, {trace.Summary?.Status}, {trace.Children.Count} child run(s)");
        Console.WriteLine(trace.Stderr);

        await foreach (var run in reader.ListRunsAsync(new RunFilter { WorkflowName = "data-pipeline", Status = RunStatus.Failed }))
            Console.WriteLine($"{run.RunId}: {run.FirstTime:u}, {run.Duration}, {run.Entries} entries, {run.Errors} errors");

        await foreach (var entry in reader.SearchAsync(TraceQuery.All.Errors().InLast(TimeSpan.FromDays(1)), TraceOrder.NewestFirst))
            Console.WriteLine($"{entry.Datetime:u} {entry.WorkflowName} {entry.Message}");

        foreach (var workflow in await reader.GetWorkflowStatisticsAsync())
            Console.WriteLine($"{workflow.WorkflowName}: {workflow.Runs} runs, {workflow.Entries} entries, error rate {workflow.ErrorRate:P1}");
    }
}
