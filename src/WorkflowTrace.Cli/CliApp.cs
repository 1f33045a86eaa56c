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
        });
        return app;
    }
}
