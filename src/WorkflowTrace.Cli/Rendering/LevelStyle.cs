using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// The colours of levels and statuses, the same in every view: errors red, warnings yellow, information in the
/// terminal's own colour, debug and trace grey; runs succeeded green, failed red, unknown grey.
/// </summary>
static class LevelStyle
{
    /// <summary>The Spectre style of an entry's level (markup without brackets).</summary>
    public static string Of(TraceEntry entry) => entry.IsError ? "red" : Of(entry.Level);

    /// <summary>The Spectre style of a level name.</summary>
    public static string Of(string? level) => level?.ToLowerInvariant() switch
    {
        "error" or "critical" or "exception" or "fatal" => "red",
        "warning" or "warn" => "yellow",
        "debug" or "trace" or "verbose" => "grey",
        _ => "default",
    };

    /// <summary>The Spectre style of a run's status.</summary>
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "green",
        RunStatus.Failed => "red",
        _ => "grey",
    };

    /// <summary>The status as written in tables and trees.</summary>
    public static string Name(RunStatus status) => status.ToString().ToLowerInvariant();
}
