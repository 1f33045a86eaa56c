using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Sample;

/// <summary>Reads the traced run back with the sink's reader — what was written, as the cluster holds it.</summary>
static class ReadBack
{
    // A cluster makes new documents searchable within its refresh interval (1 s by default).
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the run's <paramref name="expected"/> entries are searchable, then prints a summary and its stderr view.</summary>
    /// <returns>Whether every entry was read back.</returns>
    public static async Task<bool> ShowAsync(string url, string indexName, string runId, int expected)
    {
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = url, IndexName = indexName, MaxRetries = 1 });
        var deadline = DateTimeOffset.UtcNow + Patience;
        WorkflowRunTrace run;
        try
        {
            while (true)
            {
                run = await reader.FindRunAsync(runId, includeChildren: true, throwIfMissing: false);
                if (run.Entries.Count >= expected || DateTimeOffset.UtcNow > deadline)
                    break;
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
        catch (TraceReadException failure)
        {
            Console.WriteLine($"Could not read the run back: {failure.Message}");
            return false;
        }

        Console.WriteLine();
        Console.WriteLine($"Read back from index '{indexName}' with WorkflowTraceReader.FindRunAsync:");
        var stages = run.Entries.Select(e => e.StageName).OfType<string>().Distinct().Count();
        var jobs = run.Entries.Select(e => e.JobName).OfType<string>().Distinct().Count();
        var status = run.Summary?.Status.ToString().ToLowerInvariant() ?? "unknown";
        Console.WriteLine($"  run {run.RunId}: {run.Entries.Count} of {expected} entries, {run.Entries.Count(e => e.IsError)} error(s), " +
                          $"status {status}, {stages} stages, {jobs} jobs, {run.Children.Count} child run(s)");
        Console.WriteLine("  its stderr view (the Python handler's text of its errors):");
        foreach (var line in run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Console.WriteLine($"    {line}");
        return run.Entries.Count >= expected;
    }
}
