namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>How <see cref="TraceSourceReader"/> reads a <c>_source</c> field's value.</summary>
enum SourceFieldKind
{
    /// <summary>A low-cardinality string (keyword, ip): repeated values share one string within a page.</summary>
    Keyword,

    /// <summary>A free-text string (message, stack trace): read as is.</summary>
    Text,

    /// <summary>A 32-bit integer.</summary>
    Integer,

    /// <summary>A 64-bit integer.</summary>
    Long,

    /// <summary>A floating-point number.</summary>
    Float,

    /// <summary>A date: ISO-8601 text (zone optional, then UTC) or epoch milliseconds.</summary>
    Date,

    /// <summary>An array of keywords (or a single one).</summary>
    Tags,

    /// <summary>An object kept as its raw JSON text.</summary>
    RawObject,

    /// <summary>A boolean.</summary>
    Boolean,
}
