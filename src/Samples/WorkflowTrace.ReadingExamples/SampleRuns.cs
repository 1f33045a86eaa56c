using Serilog;
using Serilog.Sinks.WorkflowTrace;

namespace WorkflowTrace.ReadingExamples;

/// <summary>
/// Writes a few runs through the sink so the examples have something to read: an ETL run with a child report run, and
/// a billing run; levels from debug to error, two users, tags. The run ids end with a stamp of this execution, so
/// reading them back on a shared cluster finds these runs only.
/// </summary>
sealed class SampleRuns
{
    public SampleRuns(string stamp)
    {
        Etl = $"etl-{stamp}";
        Report = $"report-{stamp}";
        Billing = $"billing-{stamp}";
    }

    public string Etl { get; }

    public string Report { get; }

    public string Billing { get; }

    public IReadOnlyList<string> All => [Etl, Report, Billing];

    /// <summary>How many entries <see cref="Write"/> writes.</summary>
    public int Entries => 12;

    public void Write(WorkflowTraceSinkOptions connection)
    {
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.WorkflowTrace(connection)
            .CreateLogger();

        var etl = logger.ForContext("RunId", Etl).ForContext("WorkflowName", "data-pipeline").ForContext("UserId", "user-123")
            .ForContext("Tags", new[] { "service:workflow", "team:data" });
        etl.Information("🚀 Starting data pipeline");
        etl.ForContext("StageName", "extract").Debug("Reading {Rows} rows", 1250);
        etl.ForContext("StageName", "extract").Warning("Source answered slowly");
        etl.ForContext("StageName", "load").Error(new TimeoutException("warehouse did not answer"), "❌ Load failed");
        etl.Information("Finished with errors");

        var report = logger.ForContext("RunId", Report).ForContext("ParentRunId", Etl).ForContext("WorkflowName", "data-pipeline")
            .ForContext("UserId", "user-123");
        report.Information("Report started");
        report.ForContext("JobName", "send-report").Information("Report sent to {Recipients} recipients", 3);
        report.Information("Report finished");

        var billing = logger.ForContext("RunId", Billing).ForContext("WorkflowName", "billing").ForContext("UserId", "user-456")
            .ForContext("Tags", new[] { "service:billing" });
        billing.Information("Billing started");
        billing.Debug("Invoices: {Count}", 42);
        billing.Warning("Retrying payment provider");
        billing.Information("Billing finished");
    } // Disposing the logger delivers what is left.
}
