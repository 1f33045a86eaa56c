using Serilog.Sinks.WorkflowTrace.Reading;
using WorkflowTrace.ReadingExamples;

// The Python original's reading sections ("Search and Query Capabilities", "Advanced Queries", "Index Management
// Commands", "Health Checks") against the reader. One connection serves the sink and the reader: the WORKFLOWTRACE_*
// environment variables (WORKFLOWTRACE_ES_URL, default http://localhost:9200; see the README's table). The program first
// writes a few runs through the sink, so there is something to read.
// Exit codes: 0 done, 1 the cluster refused or was not there, 2 a bad variable.
try
{
    var connection = WorkflowTraceConnection.FromEnvironment();
    connection.ShutdownTimeout = TimeSpan.FromSeconds(10); // a sample should not wait long for a cluster that is not there
    Console.WriteLine($"Elasticsearch at {Shown(connection.Hosts ?? "http://localhost:9200")}, index '{connection.IndexName}'");

    var runs = new SampleRuns(Guid.NewGuid().ToString("N")[..8]);
    var since = DateTimeOffset.UtcNow.AddMinutes(-5);
    runs.Write(connection);
    Console.WriteLine($"Wrote {runs.Entries} entries in runs {string.Join(", ", runs.All)}");

    using var reader = new WorkflowTraceReader(connection);
    await WaitUntilSearchableAsync(reader, runs);

    Console.WriteLine("=== Search and Query Capabilities");
    await SearchAndQuery.RunAsync(reader, runs, since);
    Console.WriteLine("=== Advanced Queries");
    await AdvancedQueries.RunAsync(reader, runs);
    Console.WriteLine("=== Index Management Commands");
    await IndexManagement.RunAsync(reader);
    Console.WriteLine("=== Health Checks");
    await HealthChecks.RunAsync(reader);
    Console.WriteLine("Done.");
    return 0;
}
catch (ArgumentException badSetting)
{
    Console.WriteLine($"Configuration refused: {badSetting.Message}");
    return 2;
}
catch (TraceReadException failed)
{
    Console.WriteLine($"Reading failed: {failed.Message}");
    return 1;
}

// A new document becomes searchable at the next refresh of its index (one second by default).
static async Task WaitUntilSearchableAsync(WorkflowTraceReader reader, SampleRuns runs)
{
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (true)
    {
        long searchable = 0;
        foreach (var run in runs.All)
            searchable += await reader.CountAsync(TraceQuery.All.ForRun(run));
        if (searchable >= runs.Entries || DateTime.UtcNow > deadline)
        {
            Console.WriteLine($"{searchable} of {runs.Entries} entries searchable");
            return;
        }
        await Task.Delay(250);
    }
}

// Scheme, host and port of each URL: never the user and password a URL may carry.
static string Shown(string hosts) => string.Join(", ", hosts.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}:{uri.Port}" : "(a URL not shown)"));
