using Serilog;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Demo;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace demo</c>: traces a sample workflow (stages, jobs, a failure, a child run) with the trace API,
/// waits until it is searchable, reads it back and shows it. With no cluster given (no <c>--url</c>, no
/// <c>WORKFLOWTRACE_ES_URL</c>, no <c>--config</c>) it runs against the in-memory development server, and says so.
/// </summary>
sealed class DemoCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<ConnectionSettings>
{
    /// <summary>How long written entries may take to become searchable (a cluster refreshes every second by default).</summary>
    static readonly TimeSpan SearchablePatience = TimeSpan.FromSeconds(30);

    public override async Task<int> ExecuteAsync(CommandContext context, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        FakeElasticsearch? server = null;
        try
        {
            var (options, _) = ConnectionResolver.Resolve(settings, environment);
            if (NoClusterGiven(settings))
            {
                server = await InMemoryServer.StartAsync(0);
                options.Hosts = InMemoryServer.UrlOf(server);
                console.MarkupLine("[bold yellow]No cluster given (--url, WORKFLOWTRACE_ES_URL or --config): using an[/]");
                InMemoryServer.WriteLabel(console, "");
                console.MarkupLine($"[grey]It listens on {Markup.Escape(options.Hosts)} while the demo runs. For a real cluster: workflow-trace demo --url https://es:9200[/]");
                console.WriteLine();
            }

            using var reader = new WorkflowTraceReader(options, new WorkflowTraceReaderOptions(),
                settings.Verbose ? transport => new VerboseTransport(transport, environment.Error) : null);
            await reader.GetClusterHealthAsync(cancellationToken); // fail fast, with the reader's clear message, when nothing answers

            var runId = $"demo-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
            console.MarkupLine($"Tracing workflow [bold]{DemoWorkflow.Name}[/], run [bold]{Markup.Escape(runId)}[/], into index [bold]{Markup.Escape(reader.Index)}[/] at {Markup.Escape(ConnectionResolver.Show("hosts", options.Hosts ?? ""))} …");
            var written = await WithStatusAsync("Tracing and delivering…", () => TraceAsync(options, runId, cancellationToken));
            var trace = await WithStatusAsync("Waiting until the run is searchable…", () => WaitUntilSearchableAsync(reader, runId, written, cancellationToken));

            console.WriteLine();
            new DemoView(console).Write(trace);
            console.WriteLine();
            console.MarkupLine(server is null
                ? $"See it again: workflow-trace show {Markup.Escape(runId)}"
                : "The in-memory server stops now and the run is gone. To keep exploring, run [bold]workflow-trace dev-server[/] in another terminal and point WORKFLOWTRACE_ES_URL at it.");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception failure) when (ReaderCommand<ConnectionSettings>.ExitCodeOf(failure) is { } exitCode)
        {
            await environment.Error.WriteLineAsync($"workflow-trace: {Markup.Remove(failure.Message)}");
            return exitCode;
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }

    /// <summary>A spinner saying <paramref name="status"/> on an interactive terminal; nothing when output is redirected.</summary>
    Task<T> WithStatusAsync<T>(string status, Func<Task<T>> work) =>
        console.Profile.Capabilities.Interactive ? console.Status().StartAsync(status, _ => work()) : work();

    /// <summary>No URL from a flag or the environment, and no appsettings.json: the user gave no cluster.</summary>
    bool NoClusterGiven(ConnectionSettings settings) =>
        settings.Url is null && settings.Config is null && string.IsNullOrWhiteSpace(environment.Variable("WORKFLOWTRACE_ES_URL"));

    /// <summary>Runs the workflow through a logger of its own; returns how many events it wrote (delivered on return).</summary>
    static async Task<int> TraceAsync(WorkflowTraceSinkOptions options, string runId, CancellationToken cancellationToken)
    {
        var counter = new EventCounter();
        var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.WorkflowTrace(options)
            .WriteTo.Sink(counter)
            .CreateLogger();
        await using (logger)
        {
            await new DemoWorkflow(logger, runId).RunAsync(cancellationToken);
        }

        return counter.Count;
    }

    /// <summary>Reads the run (with its child) until all <paramref name="written"/> entries are found, or the patience runs out.</summary>
    async Task<WorkflowRunTrace> WaitUntilSearchableAsync(WorkflowTraceReader reader, string runId, int written, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + SearchablePatience;
        while (true)
        {
            var trace = await reader.FindRunAsync(runId, includeChildren: true, throwIfMissing: false, cancellationToken);
            var found = DemoView.EntryCount(trace);
            if (found >= written)
                return trace;
            if (DateTimeOffset.UtcNow > deadline)
            {
                await environment.Error.WriteLineAsync(
                    $"workflow-trace: only {found} of the {written} entries written are searchable after {SearchablePatience.TotalSeconds:0} s; showing those (see the sink's delivery with --verbose).");
                return trace;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
