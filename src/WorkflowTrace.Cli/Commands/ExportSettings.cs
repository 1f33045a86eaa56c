using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli.Export;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary><c>workflow-trace export RUN --format F [--output FILE]</c>.</summary>
sealed class ExportSettings : ConnectionSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run's id (run_id)")]
    public string RunId { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (the Python handler's lines, stdout and stderr entries together in time order), json (one array), ndjson (one entry a line) or clef (Serilog's compact JSON, for Seq and other CLEF tools). Default json")]
    [DefaultValue("json")]
    public string Format { get; init; } = "json";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write to this file (replaced when the export is complete) instead of standard output")]
    public string? Output { get; init; }

    /// <summary>The format asked for.</summary>
    public ExportFormat ExportFormat => Enum.Parse<ExportFormat>(Format, ignoreCase: true);

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(RunId))
            return ValidationResult.Error("RUN: a run id is required");
        if (!Enum.TryParse<ExportFormat>(Format, ignoreCase: true, out _) || int.TryParse(Format, out _))
            return ValidationResult.Error($"--format: '{Format}' is not one of text, json, ndjson, clef");
        return ValidationResult.Success();
    }
}
