using Serilog.Sinks.WorkflowTrace;

namespace WorkflowTrace.TraceExamples;

/// <summary>The Python handler's "Basic Usage": one run with its extras, four levels, closed by disposing.</summary>
static class BasicUsage
{
    public static void Run()
    {
        // Connection settings (hosts, index, credentials) belong to WriteTo.WorkflowTrace(...);
        // the extras are what this run's documents carry.
        var extras = new TraceExtras
        {
            WorkflowName = "data-processing-pipeline",
            StageName = "data-validation",
            JobName = "validate-customer-data",
            TraceId = "trace-123",
            SpanId = "span-456",
            UserId = "user-123",
            TenantId = "tenant-456",
            Environment = "production",
            Tags = ["service:workflow", "team:data-engineering"],
        };

        using var trace = WorkflowTracing.GetTrace("workflow-123", "parent-456", extras);

        trace.Info("🚀 Starting data processing workflow");
        trace.Debug("📊 Initializing data validation stage");
        trace.Warning("⚠️ Warning message");
        trace.Error("❌ Error occurred");
    } // Dispose is the Python handler's trace.close(): it waits (up to 30 s) until the events are delivered.
}
