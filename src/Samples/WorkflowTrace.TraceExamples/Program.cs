using WorkflowTrace.Sample;
using Serilog;
using Serilog.Debugging;
using Serilog.Events;
using WorkflowTrace.TraceExamples;

// The README's trace examples: `basic`, `async`, `context` (default: all three), traced to Elasticsearch at
// WORKFLOWTRACE_ES_URL (default http://localhost:9200).
var examples = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["basic"] = _ =>
    {
        BasicUsage.Run();
        return Task.CompletedTask;
    },
    ["async"] = AsyncUsage.RunAsync,
    ["context"] = _ => ContextAwareLogging.RunAsync(),
};

var chosen = args.Length > 0 ? args : [.. examples.Keys];
if (chosen.FirstOrDefault(name => !examples.ContainsKey(name)) is { } unknown)
{
    Console.Error.WriteLine($"Unknown example '{unknown}'. Choose from: {string.Join(", ", examples.Keys)} (default: all three).");
    return 2;
}

var url = Environment.GetEnvironmentVariable("WORKFLOWTRACE_ES_URL") is { Length: > 0 } fromEnvironment
    ? fromEnvironment
    : "http://localhost:9200";

Console.WriteLine($"Running {string.Join(", ", chosen)} against Elasticsearch at {url} ...");
var clusterProblem = await ClusterProbe.ProblemAsync(url);
// Ctrl+C stops waiting for delivery; so does a cluster that is not there, after a few seconds. (Disposing a
// trace still waits up to its FlushTimeout, 30 seconds, before the events are left to the sink.)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (clusterProblem is not null)
{
    Console.WriteLine($"Warning: {clusterProblem}. Tracing anyway, so you can see how the sink reports it.");
    stop.CancelAfter(TimeSpan.FromSeconds(5));
}

// The sink reports its own trouble (retries, rejected documents) through SelfLog; the first line of each here.
SelfLog.Enable(message => Console.Error.WriteLine($"[sink] {message.Split('\n')[0].TrimEnd()}"));

// Every event is counted; those the sink could not deliver come back through the fallback chain.
var written = new EventTally();
var undelivered = new EventTally();
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Debug()
    .WriteTo.FallbackChain(
        primary => primary.WorkflowTrace(
            hosts: url,
            indexName: "workflow-traces",
            timeout: TimeSpan.FromSeconds(5),
            maxRetries: 2),
        fallback => fallback.Sink(undelivered))
    .WriteTo.Sink(written)
    .WriteTo.Console(LogEventLevel.Information)
    .CreateLogger();

foreach (var name in chosen)
{
    Console.WriteLine($"--- {name}");
    try
    {
        await examples[name](stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        Console.WriteLine($"--- {name}: stopped waiting for delivery");
    }
}

await Log.CloseAndFlushAsync();

Console.WriteLine();
var runs = string.Join(", ", written.RunIds);
if (undelivered.Count == 0)
{
    Console.WriteLine($"Done: {written.Count} events of runs {runs} delivered to index 'workflow-traces' at {url}.");
    Console.WriteLine($"See them: curl '{url.TrimEnd('/')}/workflow-traces/_search?q=run_id:({string.Join("+OR+", written.RunIds)})&sort=datetime:asc&size=100&pretty'");
    return 0;
}

Console.WriteLine($"Not delivered: {undelivered.Count} of {written.Count} events ({written.Count - undelivered.Count} delivered); runs {string.Join(", ", undelivered.RunIds)}.");
Console.WriteLine($"Reason: {clusterProblem ?? "see the [sink] lines above"}");
Console.WriteLine("Start a local Elasticsearch (see README, 'Try it locally') or set WORKFLOWTRACE_ES_URL, then run again.");
return 1;
