using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.IntegrationTests;

public partial class RealClusterTests
{
    sealed record WrittenRun(string RunId, string Workflow, int Events, int Errors, string? ParentRunId = null);

    /// <summary>
    /// A few hundred events over four runs (one a child of another) written through the sink, then read back through
    /// every reader method in pages of 50, so each read spans several pages of a real cluster's point in time.
    /// </summary>
    [Test]
    public async Task RunsWrittenThroughTheSinkAreReadBackThroughEveryReaderMethod()
    {
        var url = ElasticsearchCluster.Require();
        var id = Guid.NewGuid().ToString("N")[..8];
        var connection = new WorkflowTraceSinkOptions { Hosts = url.ToString(), IndexName = $"workflowtrace-it-read-{id}" };
        WrittenRun[] runs =
        [
            new($"it-parent-{id}", "data-pipeline", Events: 100, Errors: 2),
            new($"it-child-{id}", "data-pipeline", Events: 60, Errors: 0, ParentRunId: $"it-parent-{id}"),
            new($"it-billing-a-{id}", "billing", Events: 80, Errors: 1),
            new($"it-billing-b-{id}", "billing", Events: 70, Errors: 0),
        ];
        var total = runs.Sum(r => r.Events);
        var started = DateTimeOffset.UtcNow;

        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.WorkflowTrace(connection).CreateLogger())
        {
            foreach (var run in runs)
            {
                var log = logger.ForContext("RunId", run.RunId).ForContext("WorkflowName", run.Workflow);
                if (run.ParentRunId is not null)
                    log = log.ForContext("ParentRunId", run.ParentRunId);
                for (var n = 0; n < run.Events; n++)
                {
                    if (n >= run.Events - run.Errors)
                        log.Error("event {N}", n);
                    else
                        log.Information("event {N}", n);
                }
            }
        }
        await ElasticsearchCluster.PostJsonAsync($"{connection.IndexName}/_refresh", new { });

        using var reader = new WorkflowTraceReader(connection, new WorkflowTraceReaderOptions { PageSize = 50 });
        var parent = runs[0];
        var child = runs[1];

        // FindRunAsync with children: every entry in order, the child as a tree node.
        var trace = await reader.FindRunAsync(parent.RunId, includeChildren: true);
        Assert.That(trace.Entries.Select(e => e.Message), Is.EqualTo(Messages(parent.Events)), "every entry of the run, in the order written");
        Assert.That(trace.Summary!.Entries, Is.EqualTo(parent.Events));
        Assert.That(trace.Summary.Errors, Is.EqualTo(parent.Errors));
        Assert.That(trace.Children.Select(c => c.RunId), Is.EqualTo(new[] { child.RunId }));
        Assert.That(trace.Children[0].Entries.Select(e => e.Message), Is.EqualTo(Messages(child.Events)));
        Assert.That(trace.Children[0].ParentRunId, Is.EqualTo(parent.RunId));

        // ReadRunAsync: the same entries, streamed.
        var streamed = new List<string?>();
        await foreach (var entry in reader.ReadRunAsync(parent.RunId))
            streamed.Add(entry.Message);
        Assert.That(streamed, Is.EqualTo(Messages(parent.Events)));

        // ListRunsAsync: every run, most recent first (by the time of its first entry), each counted.
        var listed = new List<RunSummary>();
        await foreach (var summary in reader.ListRunsAsync(new RunFilter { Since = started.AddMinutes(-1) }))
            listed.Add(summary);
        Assert.That(listed.Select(r => r.RunId), Is.EqualTo(Enumerable.Reverse(runs).Select(r => r.RunId)));
        Assert.That(listed.Select(r => (r.Entries, r.Errors)), Is.EqualTo(Enumerable.Reverse(runs).Select(r => ((long)r.Events, (long)r.Errors))));
        var children = new List<string>();
        await foreach (var summary in reader.ListRunsAsync(new RunFilter { ParentRunId = parent.RunId }))
            children.Add(summary.RunId);
        Assert.That(children, Is.EqualTo(new[] { child.RunId }));

        // SearchAsync: both orders, across runs and pages.
        var billing = TraceQuery.All.ForWorkflow("billing");
        var oldestFirst = new List<TraceEntry>();
        await foreach (var entry in reader.SearchAsync(billing))
            oldestFirst.Add(entry);
        var newestFirst = new List<TraceEntry>();
        await foreach (var entry in reader.SearchAsync(billing, TraceOrder.NewestFirst))
            newestFirst.Add(entry);
        Assert.That(oldestFirst, Has.Count.EqualTo(150));
        Assert.That(oldestFirst.Select(e => e.Datetime), Is.Ordered.Ascending);
        Assert.That(oldestFirst.Where(e => e.RunId == runs[2].RunId).Select(e => e.Message), Is.EqualTo(Messages(runs[2].Events)));
        Assert.That(newestFirst.Select(e => e.Id), Is.EqualTo(oldestFirst.Select(e => e.Id).Reverse()));

        // CountAsync.
        Assert.That(await reader.CountAsync(TraceQuery.All), Is.EqualTo(total));
        Assert.That(await reader.CountAsync(TraceQuery.All.Errors()), Is.EqualTo(runs.Sum(r => r.Errors)));

        // The three aggregations.
        var statistics = (await reader.GetWorkflowStatisticsAsync()).ToDictionary(s => s.WorkflowName);
        Assert.That(statistics.Keys, Is.EquivalentTo(new[] { "data-pipeline", "billing" }));
        Assert.That((statistics["data-pipeline"].Entries, statistics["data-pipeline"].Errors, statistics["data-pipeline"].Runs), Is.EqualTo((160L, 2L, 2L)));
        Assert.That((statistics["billing"].Entries, statistics["billing"].Errors, statistics["billing"].Runs), Is.EqualTo((150L, 1L, 2L)));
        var levels = (await reader.GetLevelCountsAsync()).ToDictionary(l => l.Level, l => l.Count);
        Assert.That(levels, Is.EquivalentTo(new Dictionary<string, long> { ["info"] = total - 3, ["error"] = 3 }));
        var histogram = await reader.GetHistogramAsync(TimeSpan.FromMinutes(1));
        Assert.That(histogram.Sum(b => b.Entries), Is.EqualTo(total));
        Assert.That(histogram.Sum(b => b.Errors), Is.EqualTo(3));
        Assert.That(histogram.Select(b => b.Start), Is.Ordered.Ascending);

        // Index management and health.
        var index = (await reader.ListIndicesAsync()).Single(i => i.Name == connection.IndexName);
        Assert.That(index.Documents, Is.EqualTo(total));
        Assert.That(index.SizeBytes, Is.GreaterThan(0));
        Assert.That((await reader.CheckMappingsAsync()).Single(m => m.Index == connection.IndexName).Differences, Is.Empty,
            "the sink's template gave the index the contract's mapping");
        Assert.That((await reader.GetClusterHealthAsync()).Status, Is.AnyOf("green", "yellow"));
    }

    static IEnumerable<string> Messages(int events) => Enumerable.Range(0, events).Select(n => $"event {n}");
}
