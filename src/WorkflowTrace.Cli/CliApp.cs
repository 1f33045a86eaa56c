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
            config.UseStrictParsing(); // an unknown option is a bad argument, not silently ignored
            config.ConfigureConsole(console);
            config.SetExceptionHandler((failure, _) =>
            {
                // Bad arguments (Spectre's own parse errors) and anything unexpected: one line, no stack trace.
                return CliErrors.Report(environment.Error, CliErrors.WithoutMarkup(failure.Message),
                    failure is CommandAppException ? ExitCodes.BadArguments : ExitCodes.Failed);
            });

            config.AddCommand<HealthCommand>("health")
                .WithDescription("The cluster's health")
                .WithExample("health")
                .WithExample("health", "--url", "https://es:9200", "--username", "elastic", "--password", "changeme")
                .WithExample("health", "--json");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("A run's entries as text (the Python handler's lines), JSON, ndjson or CLEF (for Seq and other CLEF tools), to standard output or a file")
                .WithExample("export", "run-42", "--format", "clef", "--output", "run-42.clef")
                .WithExample("export", "run-42", "--format", "ndjson")
                .WithExample("export", "run-42", "--format", "text");
            config.AddCommand<ReplayCommand>("replay")
                .WithDescription("Ship the events of a CLEF file (a fallback sink's undelivered events, or an export) into the cluster through the sink, and say how many were delivered")
                .WithExample("replay", "undelivered.clef")
                .WithExample("replay", "run-42.clef", "--url", "https://es:9200", "--index", "workflow-traces-restored");
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
            config.AddCommand<IndicesCommand>("indices")
                .WithDescription("The trace indices: health, documents, size, creation date")
                .WithExample("indices")
                .WithExample("indices", "--index", "workflow-traces-{0:yyyy.MM.dd}")
                .WithExample("indices", "--json");
            config.AddCommand<MappingCommand>("mapping")
                .WithDescription($"Each trace index's mapping in force against the field contract, drift highlighted (exit {ExitCodes.MappingDrift} on drift)")
                .WithExample("mapping")
                .WithExample("mapping", "--index", "workflow-traces-{0:yyyy.MM.dd}")
                .WithExample("mapping", "--json");
            config.AddBranch("template", template =>
            {
                template.SetDescription("The index template the sink installs: show it, or install it");
                template.AddExample("template", "show");
                template.AddExample("template", "install", "--config", "appsettings.json");
                template.AddCommand<TemplateShowCommand>("show")
                    .WithDescription("The index template the sink would install on this server for the configured index, with its target path (Kibana Dev Tools form)")
                    .WithExample("template", "show")
                    .WithExample("template", "show", "--config", "appsettings.json")
                    .WithExample("template", "show", "--json");
                template.AddCommand<TemplateInstallCommand>("install")
                    .WithDescription("Install the index template (and retention's lifecycle policy) as the sink's bootstrapper does; writes only when not current")
                    .WithExample("template", "install")
                    .WithExample("template", "install", "--config", "appsettings.json", "--username", "admin", "--password", "changeme");
            });
            config.AddCommand<PruneCommand>("prune")
                .WithDescription("Whole trace indices whose newest entry is older than an age: lists them; deletes them only with --yes")
                .WithExample("prune", "--older-than", "30d")
                .WithExample("prune", "--older-than", "30d", "--yes")
                .WithExample("prune", "--older-than", "2026-11-01", "--json");
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
