using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;
using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace errors</c>: the error entries (levels error, critical, exception) since a time, grouped by
/// workflow and exception type with count, runs affected, last seen and a sample message, most frequent first.
/// </summary>
sealed class ErrorsCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ErrorsSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ErrorsSettings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var since = TimeArgument.Parse(settings.Since, now, "--since");
        var until = settings.Until is null ? (DateTimeOffset?)null : TimeArgument.Parse(settings.Until, now, "--until");
        var query = TraceQuery.All.Errors() with { Since = since, Until = until, WorkflowName = settings.Workflow };

        var groups = await WithStatusAsync("Reading errors…", async () =>
        {
            var grouper = new ErrorGrouper();
            await foreach (var entry in reader.SearchAsync(query, TraceOrder.OldestFirst, cancellationToken))
                grouper.Add(entry);
            return grouper.Groups();
        });

        if (settings.Json)
        {
            var document = new { since, until, workflow = settings.Workflow, groups };
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            return ExitCodes.Success;
        }

        var range = $"since {DurationText.DateTime(since)} UTC" + (until is { } end ? $" until {DurationText.DateTime(end)} UTC" : "");
        if (groups.Count == 0)
        {
            Console.MarkupLine($"[green]No errors[/] {Markup.Escape(range)}" + (settings.Workflow is null ? "." : $" in {Markup.Escape(settings.Workflow)}."));
            return ExitCodes.Success;
        }

        Console.MarkupLine($"[red]{Plural.Of(groups.Sum(g => g.Count), "error")}[/] in {Plural.Of(groups.Count, "group")} {Markup.Escape(range)}");
        Console.Write(ErrorGroupTable.Render(groups));
        return ExitCodes.Success;
    }
}
