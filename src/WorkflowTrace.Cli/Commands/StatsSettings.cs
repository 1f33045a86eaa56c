using System.ComponentModel;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>workflow-trace stats</c>.</summary>
sealed class StatsSettings : ListingSettings
{
    [CommandOption("--since <TIME>")]
    [Description("From this time on: a span back from now (24h, 7d) or a UTC time (2026-12-01T00:00:00Z); default 7d")]
    [DefaultValue("7d")]
    public string Since { get; init; } = "7d";

    [CommandOption("--until <TIME>")]
    [Description("Before this time (same forms as --since); default now")]
    public string? Until { get; init; }

    [CommandOption("--workflow <NAME>")]
    [Description("Only this workflow")]
    public string? Workflow { get; init; }

    [CommandOption("--interval <DURATION>")]
    [Description("Width of one bar of the entries-over-time chart (5m, 1h, 1d); default: at most 48 bars over the range")]
    public string? Interval { get; init; }

    [CommandOption("--max-durations <N>")]
    [Description("Run durations kept per workflow for p50/p95: exact up to this many runs, a uniform sample beyond (default 100000)")]
    [DefaultValue(DurationSample.DefaultCapacity)]
    public int MaxDurations { get; init; } = DurationSample.DefaultCapacity;

    public override Spectre.Console.ValidationResult Validate() =>
        MaxDurations <= 0
            ? Spectre.Console.ValidationResult.Error($"--max-durations must be a positive number of runs, not {MaxDurations}.")
            : base.Validate();
}
