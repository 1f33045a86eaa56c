using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>workflow-trace search</c>: the reader's <c>TraceQuery</c> as flags.</summary>
sealed class SearchSettings : ListingSettings
{
    /// <summary>The levels the contract knows; others are refused, naming the bad one.</summary>
    public static readonly IReadOnlyList<string> KnownLevels = ["trace", "debug", "info", "warning", "error", "critical", "exception"];

    [CommandOption("--text <TEXT>")]
    [Description("Entries whose message or exception message matches this text (full-text)")]
    public string? Text { get; init; }

    [CommandOption("--level <LEVEL>")]
    [Description("Only this level (trace, debug, info, warning, error, critical, exception); repeat for several")]
    public string[] Levels { get; init; } = [];

    [CommandOption("--workflow <NAME>")]
    [Description("Only this workflow")]
    public string? Workflow { get; init; }

    [CommandOption("--stage <NAME>")]
    [Description("Only this stage")]
    public string? Stage { get; init; }

    [CommandOption("--job <NAME>")]
    [Description("Only this job")]
    public string? Job { get; init; }

    [CommandOption("--run <RUN_ID>")]
    [Description("Only this run")]
    public string? Run { get; init; }

    [CommandOption("--user <USER_ID>")]
    [Description("Only this user")]
    public string? User { get; init; }

    [CommandOption("--tenant <TENANT_ID>")]
    [Description("Only this tenant")]
    public string? Tenant { get; init; }

    [CommandOption("--environment <NAME>")]
    [Description("Only this environment")]
    public string? Environment { get; init; }

    [CommandOption("--tag <TAG>")]
    [Description("Entries with this tag; repeat for several (any of them, or all of them with --all-tags)")]
    public string[] Tags { get; init; } = [];

    [CommandOption("--all-tags")]
    [Description("Entries must have every --tag, not just one")]
    public bool AllTags { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("From this time on: a span back from now (30m, 24h, 7d) or a UTC time (2026-12-01T00:00:00Z)")]
    public string? Since { get; init; }

    [CommandOption("--until <TIME>")]
    [Description("Before this time (same forms as --since)")]
    public string? Until { get; init; }

    [CommandOption("--newest-first")]
    [Description("Newest entries first (default: oldest first)")]
    public bool NewestFirst { get; init; }

    [CommandOption("--limit <N>")]
    [Description("At most this many entries (default 100); reading stops there")]
    [DefaultValue(100)]
    public int Limit { get; init; } = 100;

    public override ValidationResult Validate()
    {
        if (Limit <= 0)
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--limit must be a positive number of entries, not {Limit}."));
        foreach (var level in Levels)
        {
            if (!KnownLevels.Contains(level.ToLowerInvariant()))
                return ValidationResult.Error($"--level {level} is not a level; use one of {string.Join(", ", KnownLevels)}.");
        }

        if (AllTags && Tags.Length == 0)
            return ValidationResult.Error("--all-tags needs at least one --tag.");
        return base.Validate();
    }
}
