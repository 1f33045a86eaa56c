using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>show RUN</c>.</summary>
sealed class ShowSettings : ListingSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run id")]
    public string RunId { get; init; } = "";

    [CommandOption("--text [VIEW]")]
    [Description("Print the Python handler's text views exactly, nothing else: stdout, stderr, or both (the default: stdout's view then stderr's, each under a '==> stdout <==' / '==> stderr <==' line when both have text)")]
    public FlagValue<string>? Text { get; init; }

    [CommandOption("--no-children")]
    [Description("Leave out the child runs")]
    public bool NoChildren { get; init; }

    /// <summary>The text view asked for: null (no <c>--text</c>), <c>stdout</c>, <c>stderr</c> or <c>both</c>.</summary>
    public string? TextView => Text is { IsSet: true } flag ? (string.IsNullOrEmpty(flag.Value) ? "both" : flag.Value.ToLowerInvariant()) : null;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(RunId)) return ValidationResult.Error("RUN: give a run id.");
        if (TextView is not (null or "stdout" or "stderr" or "both"))
            return ValidationResult.Error($"--text: '{Text!.Value}' is not a view: use stdout, stderr or both.");
        if (TextView is not null && Json) return ValidationResult.Error("--text and --json: give one of them.");
        return base.Validate();
    }
}
