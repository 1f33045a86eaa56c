using System.ComponentModel;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>workflow-trace errors</c>.</summary>
sealed class ErrorsSettings : ListingSettings
{
    [CommandOption("--since <TIME>")]
    [Description("Errors from this time on: a span back from now (30m, 24h, 7d) or a UTC time (2026-12-01T00:00:00Z); default 24h")]
    [DefaultValue("24h")]
    public string Since { get; init; } = "24h";

    [CommandOption("--until <TIME>")]
    [Description("Errors before this time (same forms as --since); default now")]
    public string? Until { get; init; }

    [CommandOption("--workflow <NAME>")]
    [Description("Only this workflow's errors")]
    public string? Workflow { get; init; }
}
