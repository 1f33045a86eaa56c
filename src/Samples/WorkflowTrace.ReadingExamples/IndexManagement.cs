using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.ReadingExamples;

/// <summary>The original's "Index Management Commands": list indices, the mapping, refresh_interval, deleting (guarded).</summary>
static class IndexManagement
{
    public static async Task RunAsync(WorkflowTraceReader reader)
    {
        // client.cat.indices(format="json")
        Console.WriteLine("Trace indices (ListIndicesAsync):");
        foreach (var index in await reader.ListIndicesAsync())
            Console.WriteLine($"  Index: {index.Name}, Docs: {index.Documents}, Size: {index.SizeBytes} bytes, Health: {index.Health ?? "unknown"}");

        // client.indices.get_mapping(...), compared with the field contract.
        Console.WriteLine("Mappings (CheckMappingsAsync):");
        foreach (var report in await reader.CheckMappingsAsync())
        {
            Console.WriteLine(report.MatchesContract
                ? $"  {report.Index}: matches the field contract"
                : $"  {report.Index}: " + string.Join("; ", report.Differences.Select(d => $"{d.Field} is {d.Actual ?? "unmapped"}, expected {d.Expected}")));
        }

        // client.indices.put_settings(body={"refresh_interval": "5s"})
        await reader.SetRefreshIntervalAsync(TimeSpan.FromSeconds(5));
        Console.WriteLine("refresh_interval set to 5s on every trace index");
        await reader.SetRefreshIntervalAsync(TimeSpan.FromSeconds(1));
        Console.WriteLine("refresh_interval set back to 1s (the sink's default)");

        // client.indices.delete(...): named, not deleted, unless confirmed; never the one fixed index the sink writes to.
        try
        {
            var prune = await reader.PruneAsync(DateTimeOffset.UtcNow.AddDays(1));
            Console.WriteLine($"PruneAsync without confirming would delete {prune.Indices.Count} index(es): " +
                              $"{string.Join(", ", prune.Indices.Select(i => i.Name))} (deleted: {prune.Deleted})");
        }
        catch (InvalidOperationException refused)
        {
            Console.WriteLine($"PruneAsync refused: {refused.Message}");
        }
    }
}
