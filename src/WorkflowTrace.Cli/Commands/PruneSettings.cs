using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>prune</c>: how old is old, and whether to delete.</summary>
sealed class PruneSettings : ListingSettings
{
    [CommandOption("--older-than <AGE>")]
    [Description("Indices whose newest entry is older than this: 30d, 12h, 2w, or a date such as 2026-11-01 (required)")]
    public string? OlderThan { get; init; }

    [CommandOption("--yes")]
    [Description("Delete them; without it, only list what would be deleted")]
    public bool Yes { get; init; }

    /// <summary>The cut-off for <paramref name="now"/>.</summary>
    public DateTimeOffset CutOff(DateTimeOffset now) => TimeArgument.Parse(OlderThan!, now, "--older-than");

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(OlderThan))
            return ValidationResult.Error("--older-than is required: say how old an index must be to go, e.g. --older-than 30d");
        if (!TimeArgument.TryParse(OlderThan, DateTimeOffset.UtcNow, out _))
            return ValidationResult.Error($"--older-than: '{OlderThan}' is not an age or a date: use {TimeArgument.Forms}");
        return ValidationResult.Success();
    }
}
