using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>workflow-trace replay FILE</c>.</summary>
sealed class ReplaySettings : ListingSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A CLEF file (one JSON event a line), e.g. what a fallback sink with CompactJsonFormatter saved, or `export --format clef`")]
    public string File { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(File) ? ValidationResult.Error("FILE: a CLEF file is required") : ValidationResult.Success();
}
