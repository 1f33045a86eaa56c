using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using Serilog.Sinks.WorkflowTrace;

namespace WorkflowTrace.TraceExamples;

/// <summary>
/// Context-aware logging: code that knows nothing of the trace, called inside its scopes and from child tasks,
/// still writes the run, stage and job into its documents. Then a child run.
/// </summary>
static class ContextAwareLogging
{
    public static async Task RunAsync()
    {
        using var loggerFactory = new SerilogLoggerFactory(); // ILogger<T> over Serilog's Log.Logger
        var importer = new CustomerImporter(loggerFactory.CreateLogger<CustomerImporter>());

        await using var trace = WorkflowTracing.GetTrace("sync-7f3a9c21", extras: new TraceExtras { WorkflowName = "customer-sync" });

        using (var stage = trace.Stage("import"))
        {
            // The importer's events carry run_id, stage_name "import" and job_name "crm".
            await trace.JobAsync("crm", _ => importer.ImportAsync("crm"));

            // Child tasks started inside the stage carry it too.
            await Task.WhenAll(
                Task.Run(() => importer.ImportAsync("erp")),
                Task.Run(() => importer.ImportAsync("webshop")));

            stage.Complete(); // without it, the stage's closing event says it failed
        }

        // A child run: its parent_run_id is this run's id, and its cut_id shows both.
        await using var report = trace.StartChild("report-5b8e0d44", new TraceExtras { JobName = "send-report" });
        report.Info("Report sent to {Recipient}", "data-team@example.com");
    }
}
