using Serilog;
using Serilog.Debugging;
using Serilog.Events;
using WorkflowTrace.Sample;

// Traces a small data pipeline — three stages, five jobs, one of which fails — to Elasticsearch.
// The cluster is WORKFLOWTRACE_ES_URL (default http://localhost:9200).
var url = Environment.GetEnvironmentVariable("WORKFLOWTRACE_ES_URL") is { Length: > 0 } fromEnvironment
    ? fromEnvironment
    : "http://localhost:9200";

Console.WriteLine($"Tracing a sample workflow to Elasticsearch at {url} ...");
var clusterProblem = await ClusterProbe.ProblemAsync(url);
if (clusterProblem is not null)
    Console.WriteLine($"Warning: {clusterProblem}. Tracing anyway, so you can see how the sink reports it.");

// The sink reports its own trouble (retries, rejected documents) through SelfLog.
// Only the first line of each: the full exceptions are there for when you need them.
SelfLog.Enable(message => Console.Error.WriteLine($"[sink] {message.Split('\n')[0].TrimEnd()}"));

// Events the sink could not deliver come back through the fallback chain: nothing is lost without a word.
var undelivered = new UndeliveredEvents();
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Debug()
    .Enrich.FromLogContext()
    .WriteTo.FallbackChain(
        primary => primary.WorkflowTrace(
            hosts: url,
            indexName: "workflow-traces",
            timeout: TimeSpan.FromSeconds(5),
            maxRetries: 2,
            environment: "sample",
            tags: ["service:workflow-sample", "team:data"]),
        fallback => fallback.Sink(undelivered))
    .WriteTo.Console(LogEventLevel.Information)
    .CreateLogger();

var runId = $"sample-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
var emitted = await new SampleWorkflow(runId).RunAsync();
await Log.CloseAndFlushAsync();

Console.WriteLine();
var delivered = emitted - undelivered.Count;
if (undelivered.Count == 0)
{
    Console.WriteLine($"Done: {emitted} events of run {runId} delivered to index 'workflow-traces' at {url}.");
    Console.WriteLine($"See them: curl '{url.TrimEnd('/')}/workflow-traces/_search?q=run_id:{runId}&sort=datetime:asc&pretty'");
    return 0;
}

Console.WriteLine($"Not delivered: {undelivered.Count} of {emitted} events of run {runId} ({delivered} delivered).");
Console.WriteLine($"Reason: {clusterProblem ?? "see the [sink] lines above"}");
Console.WriteLine("Start a local Elasticsearch (see README, 'Try it locally') or set WORKFLOWTRACE_ES_URL, then run again.");
return 1;
