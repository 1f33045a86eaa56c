// README.md, "Use it from code": the whole program.
using Serilog;
using Serilog.Context;

Log.Logger = new LoggerConfiguration()
    .Enrich.FromLogContext()
    .WriteTo.WorkflowTrace(
        hosts: "http://localhost:9200",
        indexName: "workflow-traces",
        workflowName: "data-pipeline",
        tags: ["service:workflow", "team:data"])
    .CreateLogger();

using (LogContext.PushProperty("RunId", "workflow-123"))
using (LogContext.PushProperty("StageName", "validation"))
{
    Log.Information("🚀 Processing {RecordCount} records for {Customer}", 1250, "acme");
    try
    {
        ValidateRecords();
    }
    catch (InvalidDataException exception)
    {
        Log.ForContext("JobName", "validate-data").Error(exception, "❌ Validation failed");
    }
}

await Log.CloseAndFlushAsync(); // delivers everything buffered before it returns

static void ValidateRecords() => throw new InvalidDataException("Record 17 has no customer id.");
