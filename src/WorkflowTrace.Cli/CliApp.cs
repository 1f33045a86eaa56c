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
            config.AddCommand<DevServerCommand>("dev-server")
                .WithDescription("Serve the in-memory Elasticsearch-compatible development server on a loopback port until Ctrl+C: not Elasticsearch, everything is lost when it stops")
                .WithExample("dev-server")
                .WithExample("dev-server", "--port", "9201");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Trace a sample workflow (stages, jobs, a failure, a child run) into the cluster, then read it back and show it; without a cluster given, into the in-memory development server")
                .WithExample("demo")
                .WithExample("demo", "--url", "https://es:9200", "--username", "elastic", "--password", "changeme")
                .WithExample("demo", "--index", "demo-traces");
        });
        return app;
    }
}
