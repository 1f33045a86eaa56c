namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// The colour of each level, shared by every command that shows entries or levels: error, critical and the Python
/// producer's exception red, warning yellow, info the terminal's default, debug and trace grey.
/// </summary>
static class LevelStyle
{
    /// <summary>The Spectre markup style of <paramref name="level"/>; null for the default colour.</summary>
    public static string? Colour(string? level) => level?.ToLowerInvariant() switch
    {
        "error" or "critical" or "exception" or "fatal" => "red",
        "warning" or "warn" => "yellow",
        "debug" or "trace" or "verbose" => "grey",
        _ => null,
    };

    /// <summary><paramref name="text"/> (already escaped) wrapped in the markup of <paramref name="level"/>'s colour.</summary>
    public static string Markup(string? level, string escapedText) =>
        Colour(level) is { } colour ? $"[{colour}]{escapedText}[/]" : escapedText;
}
