using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>workflow-trace health</c>: the cluster's health, and the trace indices' document counts.</summary>
sealed class HealthCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ListingSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ListingSettings settings, CancellationToken cancellationToken)
    {
        var health = await WithStatusAsync("Asking the cluster…", () => reader.GetClusterHealthAsync(cancellationToken));
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(health, CliJson.Options));
            return ExitCodes.Success;
        }

        var colour = health.Status switch { "green" => "green", "yellow" => "yellow", _ => "red" };
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Cluster", Markup.Escape(health.ClusterName));
        grid.AddRow("Status", $"[{colour}]{Markup.Escape(health.Status)}[/]");
        grid.AddRow("Nodes", health.NumberOfNodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        grid.AddRow("Active shards", health.ActiveShards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        grid.AddRow("Unassigned shards", health.UnassignedShards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.Write(grid);
        return ExitCodes.Success;
    }
}
