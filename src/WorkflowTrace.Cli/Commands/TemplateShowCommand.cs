using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace template show</c>: the index template the sink would install on this server (asked with
/// <c>GET /</c>) for the configured index, as a Kibana Dev Tools request: the target path, then the body. With
/// <c>--json</c> the body alone, for a script.
/// </summary>
sealed class TemplateShowCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ListingSettings>(console, environment)
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ListingSettings settings, CancellationToken cancellationToken)
    {
        var server = await WithStatusAsync("Asking the server who it is…", () => reader.Client.ServerAsync(cancellationToken));
        if (!server.IsSupported)
        {
            return CliErrors.Report(Error, $"{string.Join(", ", reader.Client.Nodes)} is {server}: the sink installs templates on Elasticsearch 7.0 or later, serverless, or OpenSearch 1.0 or later.",
                ExitCodes.Failed);
        }

        var bootstrap = options.BuildSettings().Bootstrap;
        var request = IndexBootstrapper.BuildTemplate(server, bootstrap);
        var body = JsonNode.Parse(request.Body)!.ToJsonString(Indented);
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(body);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"[grey]# The index template the sink installs on {Markup.Escape(server.ToString())} for '{Markup.Escape(bootstrap.TemplatePattern)}'[/]");
        Console.MarkupLine($"PUT /{Markup.Escape(request.Path)}");
        if (Console.Profile.Capabilities.Interactive)
            Console.Write(new Spectre.Console.Json.JsonText(body));
        else
            Console.Profile.Out.Writer.WriteLine(body);
        return ExitCodes.Success;
    }
}
