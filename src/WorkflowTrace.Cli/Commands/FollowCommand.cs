using System.Diagnostics;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace follow RUN</c> / <c>follow --workflow W</c>: entries as they arrive, one line each (ndjson with
/// <c>--json</c>), polling every <c>--interval</c>. A run has no closing event of its own, so the command cannot know
/// a run has ended: it runs until Ctrl+C (exit 130), or — with <c>--until-idle D</c> — until no new entry came for D
/// (exit 0). <c>follow RUN</c> first prints the run's entries so far; <c>follow --workflow</c> starts at now.
/// </summary>
sealed class FollowCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<FollowSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, FollowSettings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var query = settings.RunId is { } run ? TraceQuery.All.ForRun(run) : TraceQuery.All.ForWorkflow(settings.Workflow!);
        var from = settings.Since is { } since ? TimeArgument.Parse(since, now, "--since") : settings.RunId is null ? now : (DateTimeOffset?)null;
        var follower = new EntryFollower(reader, query, from, TimeArgument.ParseDuration(settings.Lateness, "--lateness"));
        var interval = TimeArgument.ParseDuration(settings.Interval, "--interval");
        var idleLimit = settings.UntilIdle is { } idle ? TimeArgument.ParseDuration(idle, "--until-idle") : (TimeSpan?)null;
        if (!settings.Json)
            await Error.WriteLineAsync($"workflow-trace: following {(settings.RunId is { } r ? $"run {r}" : $"workflow {settings.Workflow}")}" +
                                       (idleLimit is { } l ? $" until idle for {DurationText.Of(l)}" : " (Ctrl+C to stop)"));

        var lastNew = Stopwatch.GetTimestamp();
        while (true)
        {
            await foreach (var entry in follower.PollAsync(cancellationToken))
            {
                lastNew = Stopwatch.GetTimestamp();
                Write(entry, settings);
            }

            if (idleLimit is { } limit && Stopwatch.GetElapsedTime(lastNew) >= limit)
                return ExitCodes.Success;
            await Task.Delay(interval, cancellationToken);
        }
    }

    void Write(TraceEntry entry, FollowSettings settings)
    {
        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(entry, CliJson.Options));
            Console.Profile.Out.Writer.Flush();
        }
        else
        {
            Console.Write(EntryLine.Render(entry, showRun: settings.RunId is null));
        }
    }
}
