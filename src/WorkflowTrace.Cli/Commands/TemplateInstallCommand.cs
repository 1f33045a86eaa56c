using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace template install</c>: puts the sink's index template (and the lifecycle policy its retention
/// option asks for) in place exactly as the sink's bootstrapper does — it is the bootstrapper — writing only when the
/// installed one is not current; a refusal names the privilege it needs.
/// </summary>
sealed class TemplateInstallCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ConnectionSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        // Connection and credentials first, through the reader: an unreachable cluster or a refused login gets its own exit code.
        var server = await reader.Client.ServerAsync(cancellationToken);
        using var bootstrap = new SinkBootstrap(options, settings.Verbose ? Error : null);
        try
        {
            await WithStatusAsync("Installing the index template…", async () =>
            {
                await bootstrap.Bootstrapper.AttemptAsync(cancellationToken);
                return true;
            });
        }
        catch (BootstrapException refused)
        {
            return CliErrors.Report(Error, refused.Message, refused.StatusCode switch
            {
                401 or 403 => ExitCodes.AccessDenied,
                null when refused.InnerException is not null => ExitCodes.CannotConnect,
                _ => ExitCodes.Failed,
            });
        }

        var template = Markup.Escape(bootstrap.Settings.TemplateName);
        var where = Markup.Escape(bootstrap.Bootstrapper.Server?.ToString() ?? server.ToString());
        var pattern = Markup.Escape(bootstrap.Settings.TemplatePattern);
        Console.MarkupLine(bootstrap.Bootstrapper.TemplateWritten == true
            ? $"[green]Installed[/] the index template '{template}' for '{pattern}' on {where}: indices created from now on take it."
            : $"The index template '{template}' for '{pattern}' on {where} is [green]already current[/]: nothing written.");
        return ExitCodes.Success;
    }
}
