using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>follow [RUN]</c>.</summary>
sealed class FollowSettings : ListingSettings
{
    [CommandArgument(0, "[RUN]")]
    [Description("The run to follow (or give --workflow)")]
    public string? RunId { get; init; }

    [CommandOption("-w|--workflow <NAME>")]
    [Description("Follow every run of this workflow")]
    public string? Workflow { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Start from this time (ISO or ago: 30m, 24h). Default: a run's first entry; for --workflow, now")]
    public string? Since { get; init; }

    [CommandOption("--interval <DURATION>")]
    [Description("How often to look for new entries (default 1s)")]
    public string Interval { get; init; } = "1s";

    [CommandOption("--until-idle <DURATION>")]
    [Description("Stop (exit 0) once no new entry came for this long, e.g. 5m. Default: until Ctrl+C (exit 130)")]
    public string? UntilIdle { get; init; }

    [CommandOption("--lateness <DURATION>")]
    [Description("How late an entry may be indexed after newer ones and still be shown (default 10s)")]
    public string Lateness { get; init; } = "10s";

    public override ValidationResult Validate()
    {
        if (RunId is null == Workflow is null) return ValidationResult.Error("follow: give a RUN or --workflow NAME (one of them).");
        if (Since is not null && !TimeArgument.TryParse(Since, DateTimeOffset.UtcNow, out _))
            return ValidationResult.Error($"--since: '{Since}' is not a time: use {TimeArgument.Forms}.");
        foreach (var (option, value) in new[] { ("--interval", Interval), ("--until-idle", UntilIdle), ("--lateness", Lateness) })
        {
            if (value is not null && !TimeArgument.TryParseDuration(value, out _))
                return ValidationResult.Error($"{option}: '{value}' is not a duration: use e.g. 500ms, 1s, 5m.");
        }

        if (TimeArgument.ParseDuration(Interval) <= TimeSpan.Zero) return ValidationResult.Error("--interval must be more than zero.");
        return base.Validate();
    }
}
