using Serilog.Sinks.WorkflowTrace;

namespace WorkflowTrace.TraceExamples;

/// <summary>The Python handler's "Async Usage": awaits between calls, a flush, and a stage with a job.</summary>
static class AsyncUsage
{
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        var extras = new TraceExtras { WorkflowName = "async-workflow" };

        await using var trace = WorkflowTracing.GetTrace("async-123", extras: extras);

        trace.Info("🚀 Starting async workflow");
        trace.Debug("⚙️ Initializing components");
        // The Python handler's `await trace.ainfo(...)`: send them now and wait until they are delivered. It answers false
        // at once when delivery fails (the cluster is down): the events stay queued and go out later.
        await trace.FlushAsync(cancellationToken);

        await trace.StageAsync("extract", async stage =>
        {
            await trace.JobAsync("download", async job =>
            {
                await Task.Delay(100, cancellationToken); // simulate async work
                trace.Info("Downloaded {RowCount} rows", 1250);
            });
        }); // each scope ends with one event: "succeeded in … ms", or "failed" with the exception

        trace.Info("✅ Async workflow completed");
    } // await using: the Python handler's trace.close(), without blocking a thread
}
