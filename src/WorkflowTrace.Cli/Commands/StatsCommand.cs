using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;
using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace stats</c>: per workflow (runs, entries, errors, error rate, p50/p95 run duration), per level, and
/// entries over time as a bar chart, over a range of time; <c>--json</c> writes the three parts as one document.
/// </summary>
sealed class StatsCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<StatsSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, StatsSettings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var since = TimeArgument.Parse(settings.Since, now, "--since");
        var until = settings.Until is null ? now : TimeArgument.Parse(settings.Until, now, "--until");
        if (until <= since)
            throw new ArgumentException($"--until ({until:u}) must be after --since ({since:u}).");
        var interval = settings.Interval is null
            ? HistogramInterval.Choose(until - since)
            : HistogramInterval.Check(TimeArgument.ParseDuration(settings.Interval, "--interval"), until - since);

        var report = await WithStatusAsync("Computing statistics…",
            () => StatsCollector.CollectAsync(reader, since, until, interval, settings.Workflow, settings.MaxDurations, cancellationToken));

        if (settings.Json)
        {
            var document = new
            {
                report.Since,
                report.Until,
                IntervalMs = (long)report.Interval.TotalMilliseconds,
                report.Workflows,
                report.Levels,
                report.Histogram,
            };
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            return ExitCodes.Success;
        }

        Console.MarkupLine($"Statistics from {DurationText.DateTime(since)} to {DurationText.DateTime(until)} UTC" +
                           (settings.Workflow is null ? "" : $" for {Markup.Escape(settings.Workflow)}"));
        if (report.Workflows.Count == 0 && report.Levels.Count == 0)
        {
            Console.WriteLine("No entries in this range.");
            return ExitCodes.Success;
        }

        Console.Write(WorkflowFiguresTable.Render(report.Workflows));
        Console.Write(LevelCountsTable.Render(report.Levels));
        var unicode = Console.Profile.Capabilities.Unicode;
        Console.MarkupLine($"Entries over time (one bar per {HistogramInterval.Describe(report.Interval)}, errors as [red]{HistogramChart.ErrorMark(unicode)}[/]):");
        Console.Write(HistogramChart.Render(report.Histogram, report.Interval, unicode));
        return ExitCodes.Success;
    }
}
