using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Commands;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli;

/// <summary>The command-line application: every command with its description and examples. Tests run it with a test console.</summary>
static class CliApp
{
    public static CommandApp Create(IAnsiConsole console, CliEnvironment environment)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(CliEnvironment), environment);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("workflow-trace");
            config.ConfigureConsole(console);
            config.SetExceptionHandler((failure, _) =>
            {
                // Bad arguments (Spectre's own parse errors) and anything unexpected: one line, no stack trace.
                environment.Error.WriteLine($"workflow-trace: {Markup.Remove(failure.Message)}");
                return failure is CommandAppException ? ExitCodes.BadArguments : ExitCodes.Failed;
            });

            config.AddCommand<HealthCommand>("health")
                .WithDescription("The cluster's health")
                .WithExample("health")
                .WithExample("health", "--url", "https://es:9200", "--username", "elastic", "--password", "changeme")
                .WithExample("health", "--json");
            config.AddCommand<ConfigCommand>("config")
                .WithDescription("Each effective connection setting and where it came from (flag, environment, --config file, default); secrets masked")
                .WithExample("config")
                .WithExample("config", "--config", "appsettings.json");
            config.AddCommand<RunsCommand>("runs")
                .WithDescription("Runs, most recent first, with status, start, duration, entries and errors; filter by workflow, time, status, tenant, environment, user or parent")
                .WithExample("runs")
                .WithExample("runs", "--workflow", "etl", "--since", "24h", "--status", "failed")
                .WithExample("runs", "--parent", "run-42", "--limit", "10", "--json");
            config.AddCommand<ShowCommand>("show")
                .WithDescription("A run: its child runs as a tree, a timeline of its stages and jobs, its entries coloured by level; --text for the Python handler's text views")
                .WithExample("show", "run-42")
                .WithExample("show", "run-42", "--text", "stderr")
                .WithExample("show", "run-42", "--json");
            config.AddCommand<FollowCommand>("follow")
                .WithDescription("New entries of a run or a workflow as they arrive, until Ctrl+C or --until-idle")
                .WithExample("follow", "run-42")
                .WithExample("follow", "--workflow", "etl", "--interval", "2s")
                .WithExample("follow", "run-42", "--until-idle", "5m", "--json");
            config.AddCommand<ErrorsCommand>("errors")
                .WithDescription("Errors since a time, grouped by workflow and exception type: count, runs affected, last seen, a sample message; most frequent first")
                .WithExample("errors")
                .WithExample("errors", "--since", "7d", "--workflow", "etl")
                .WithExample("errors", "--since", "2026-12-01T00:00:00Z", "--json");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Entries matching a query (text, level, workflow, stage, job, run, user, tenant, environment, tags, time), one line each coloured by level; --json writes ndjson")
                .WithExample("search", "--text", "timeout", "--since", "24h")
                .WithExample("search", "--level", "error", "--level", "critical", "--workflow", "etl", "--newest-first", "--limit", "20")
                .WithExample("search", "--tag", "billing", "--tag", "nightly", "--all-tags", "--json");
            config.AddCommand<StatsCommand>("stats")
                .WithDescription("Per workflow: runs, entries, errors, error rate, p50/p95 run duration; entries per level; entries over time as a bar chart")
                .WithExample("stats")
                .WithExample("stats", "--since", "24h", "--interval", "1h", "--workflow", "etl")
                .WithExample("stats", "--since", "30d", "--json");
        });
        return app;
    }
}
