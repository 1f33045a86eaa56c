namespace WorkflowTrace.Cli.Export;

/// <summary>What <c>export</c> writes.</summary>
enum ExportFormat
{
    /// <summary>The Python handler's text lines, stdout and stderr entries together in time order.</summary>
    Text,

    /// <summary>One JSON array of entries.</summary>
    Json,

    /// <summary>One JSON entry per line.</summary>
    Ndjson,

    /// <summary>One CLEF event per line (Serilog.Formatting.Compact's format).</summary>
    Clef,
}
