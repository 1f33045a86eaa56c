using Serilog;
using Serilog.Debugging;
using Serilog.Events;
using WorkflowTrace.Sample;

// Traces a small data pipeline — three stages, five jobs, one of which fails — to Elasticsearch, then reads it back.
// The cluster is WORKFLOWTRACE_ES_URL; when it is not set, the project's in-memory development server stands in.
var given = Environment.GetEnvironmentVariable("WORKFLOWTRACE_ES_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
await using var inMemory = given is null ? await InMemoryCluster.StartAsync() : null;
var url = given ?? inMemory!.Url.ToString().TrimEnd('/');

Console.WriteLine($"Tracing a sample workflow to {(inMemory is null ? "Elasticsearch" : "the in-memory server")} at {url} ...");
var clusterProblem = inMemory is null ? await ClusterProbe.ProblemAsync(url) : null;
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
    var readBack = await ReadBack.ShowAsync(url, "workflow-traces", runId, emitted);
    Console.WriteLine();
    if (inMemory is not null)
    {
        Console.WriteLine("The in-memory server stops now and the run is gone. To keep traces while you explore:");
        Console.WriteLine("  workflow-trace dev-server   (in another terminal; then export WORKFLOWTRACE_ES_URL=http://127.0.0.1:9200)");
    }
    else
    {
        Console.WriteLine($"See it: workflow-trace show {runId}");
        Console.WriteLine($"    or: curl '{url.TrimEnd('/')}/workflow-traces/_search?q=run_id:{runId}&sort=datetime:asc&pretty'");
    }

    return readBack ? 0 : 1;
}

Console.WriteLine($"Not delivered: {undelivered.Count} of {emitted} events of run {runId} ({delivered} delivered).");
Console.WriteLine($"Reason: {clusterProblem ?? "see the [sink] lines above"}");
Console.WriteLine("Start a local Elasticsearch (see README, 'Try it locally') or set WORKFLOWTRACE_ES_URL, then run again.");
return 1;
