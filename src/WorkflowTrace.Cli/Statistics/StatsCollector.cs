using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Statistics;

/// <summary>
/// Gathers a <see cref="StatsReport"/>: three aggregations (per workflow, per level, over time) and one streamed pass
/// over the runs of the range for their durations. The pass keeps per workflow a <see cref="DurationSample"/> —
/// exact up to its capacity, a uniform sample beyond — so memory is bounded whatever the number of runs.
/// </summary>
static class StatsCollector
{
    public static async Task<StatsReport> CollectAsync(WorkflowTraceReader reader, DateTimeOffset since, DateTimeOffset until, TimeSpan interval,
        string? workflow, int durationCapacity, CancellationToken cancellationToken)
    {
        var query = new TraceQuery { Since = since, Until = until, WorkflowName = workflow };
        var statistics = await reader.GetWorkflowStatisticsAsync(query, cancellationToken);
        var levels = await reader.GetLevelCountsAsync(query, cancellationToken);
        var histogram = await reader.GetHistogramAsync(interval, query, cancellationToken);

        // A run counts for the range when one of its entries falls in it; its duration is the whole run's.
        var durations = new Dictionary<string, DurationSample>(StringComparer.Ordinal);
        await foreach (var run in reader.ListRunsAsync(new RunFilter { Since = since, Until = until, WorkflowName = workflow }, cancellationToken))
        {
            if (run.WorkflowName is null)
                continue;
            if (!durations.TryGetValue(run.WorkflowName, out var sample))
                durations[run.WorkflowName] = sample = new DurationSample(durationCapacity);
            sample.Add(run.Duration);
        }

        var workflows = statistics.Select(s =>
        {
            var sample = durations.GetValueOrDefault(s.WorkflowName);
            return new WorkflowFigures(s.WorkflowName, s.Runs, s.Entries, s.Errors, s.ErrorRate, sample?.Count ?? 0,
                sample?.Percentile(50)?.TotalMilliseconds, sample?.Percentile(95)?.TotalMilliseconds, sample?.IsEstimate ?? false);
        }).ToList();
        return new StatsReport(since, until, interval, workflows, levels, histogram);
    }
}
