using Serilog.Core;
using Serilog.Core.Enrichers;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// The one event every benchmark uses: a workflow context of 8 properties and
/// <c>Information("Processing {RecordCount} records for {Customer}", i, "acme")</c>, produced by a real Serilog
/// logger and, where a benchmark needs captured events, passed through the sink's capture step exactly as the
/// tests' DocumentProbe does.
/// </summary>
static class BenchmarkEvents
{
    public const string MessageTemplate = "Processing {RecordCount} records for {Customer}";

    public const string Customer = "acme";

    /// <summary>The created_at stamp given to every document (fixed, so every run writes the same bytes).</summary>
    public static readonly DateTime CreatedAtUtc = new(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    /// <summary>The workflow context: RunId, WorkflowName, StageName, JobName, JobId, Attempt, Environment, Region.</summary>
    public static ILogEventEnricher[] WorkflowContext() =>
    [
        new PropertyEnricher("RunId", "run-20300102-5f0c8e2a9b7d4c31"),
        new PropertyEnricher("WorkflowName", "nightly-billing"),
        new PropertyEnricher("StageName", "extract"),
        new PropertyEnricher("JobName", "load-invoices"),
        new PropertyEnricher("JobId", "job-000042"),
        new PropertyEnricher("Attempt", 1),
        new PropertyEnricher("Environment", "production"),
        new PropertyEnricher("Region", "eu-west-1"),
    ];

    /// <summary>A logger over <paramref name="sink"/> with the same configuration in every benchmark.</summary>
    public static Logger CreateLogger(ILogEventSink sink) =>
        new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .WriteTo.Sink(sink)
            .CreateLogger();

    /// <summary>The logger the application logs through: <paramref name="root"/> with the workflow context attached.</summary>
    public static ILogger WithWorkflowContext(ILogger root) => root.ForContext(WorkflowContext());

    /// <summary>The benchmark's logging call.</summary>
    public static void Log(ILogger logger, int recordCount) =>
        logger.Information(MessageTemplate, recordCount, Customer);

    /// <summary>
    /// Logs <paramref name="count"/> events (record counts 1..count) through <see cref="CallSiteCaptureSink"/> and
    /// returns what the capture step handed on, in logging order.
    /// </summary>
    public static CapturedEvent[] Capture(int count)
    {
        var queue = new CaptureQueue();
        var failures = new FailureCounter();
        var ledger = new DeliveryLedger();
        ledger.SetFailureListener(failures);
        using (var root = CreateLogger(new CallSiteCaptureSink(queue, ledger, Math.Max(count, 1))))
        {
            var logger = WithWorkflowContext(root);
            for (var i = 1; i <= count; i++)
                Log(logger, i);
        }

        if (failures.Count != 0)
            throw new InvalidOperationException($"The capture step rejected {failures.Count} event(s): {failures.First}");

        var captured = queue.TakeAll().ToArray();
        if (captured.Length != count)
            throw new InvalidOperationException($"Expected {count} captured event(s), got {captured.Length}.");
        return captured;
    }
}
