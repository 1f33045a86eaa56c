using System.ComponentModel;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>runs</c>: the reader's run filter, and how many runs.</summary>
sealed class RunsSettings : ListingSettings
{
    [CommandOption("-w|--workflow <NAME>")]
    [Description("Only runs of this workflow")]
    public string? Workflow { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Only runs with entries at or after this time: ISO (2026-12-05T09:00:00Z, UTC when no offset) or ago (30m, 24h, 7d)")]
    public string? Since { get; init; }

    [CommandOption("--until <TIME>")]
    [Description("Only runs with entries before this time (same forms as --since)")]
    public string? Until { get; init; }

    [CommandOption("--status <STATUS>")]
    [Description("failed, succeeded or unknown")]
    public string? Status { get; init; }

    [CommandOption("--tenant <ID>")]
    [Description("Only runs of this tenant")]
    public string? Tenant { get; init; }

    [CommandOption("--environment <NAME>")]
    [Description("Only runs in this environment")]
    public string? Environment { get; init; }

    [CommandOption("--user <ID>")]
    [Description("Only runs of this user")]
    public string? User { get; init; }

    [CommandOption("--parent <RUN>")]
    [Description("Only the child runs of this run")]
    public string? Parent { get; init; }

    [CommandOption("-n|--limit <N>")]
    [Description("At most this many runs, most recent first (default 50)")]
    [DefaultValue(50)]
    public int Limit { get; init; } = 50;

    public override ValidationResult Validate()
    {
        if (Limit < 1) return ValidationResult.Error($"--limit must be at least 1, not {Limit}.");
        if (Status is not null && !Enum.TryParse<RunStatus>(Status, ignoreCase: true, out _))
            return ValidationResult.Error($"--status: '{Status}' is not a status: use failed, succeeded or unknown.");
        foreach (var (option, value) in new[] { ("--since", Since), ("--until", Until) })
        {
            if (value is not null && !TimeArgument.TryParse(value, DateTimeOffset.UtcNow, out _))
                return ValidationResult.Error($"{option}: '{value}' is not a time: use {TimeArgument.Forms}.");
        }

        return base.Validate();
    }

    /// <summary>The reader's filter; relative times count back from <paramref name="now"/>.</summary>
    public RunFilter Filter(DateTimeOffset now) => new()
    {
        WorkflowName = Workflow,
        Since = Since is null ? null : TimeArgument.Parse(Since, now, "--since"),
        Until = Until is null ? null : TimeArgument.Parse(Until, now, "--until"),
        Status = Status is null ? null : Enum.Parse<RunStatus>(Status, ignoreCase: true),
        TenantId = Tenant,
        Environment = Environment,
        UserId = User,
        ParentRunId = Parent,
    };
}
