using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>workflow-trace config</c>: each effective connection setting and where it came from, secrets masked.</summary>
sealed class ConfigCommand(IAnsiConsole console, CliEnvironment environment) : Command<ListingSettings>
{
    public override int Execute(CommandContext context, ListingSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<SettingSource> sources;
        try
        {
            (_, sources) = ConnectionResolver.Resolve(settings, environment);
        }
        catch (Exception refused) when (refused is ArgumentException or InvalidOperationException or InvalidDataException)
        {
            return CliErrors.Report(environment.Error, refused, ExitCodes.BadArguments, "config");
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(sources, CliJson.Options));
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("Setting").AddColumn("Value").AddColumn("From");
        foreach (var source in sources)
            table.AddRow(Markup.Escape(source.Setting), Markup.Escape(source.Value), Markup.Escape(source.Source));
        console.Write(table);
        return ExitCodes.Success;
    }
}
