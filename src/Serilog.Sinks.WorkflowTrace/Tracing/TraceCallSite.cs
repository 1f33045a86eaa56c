using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// A logging call's file and line (the compiler's <c>[CallerFilePath]</c>/<c>[CallerLineNumber]</c>) as the
/// properties the contract reads into <c>filename</c> and <c>lineno</c>. The last call site of each thread is kept,
/// so that a call repeated from one place (a loop) reuses the same immutable property objects: nothing allocated
/// for them, and the sink's capture step sees the very context of the event before and shares it.
/// </summary>
sealed class TraceCallSite
{
    static readonly string SourceFileProperty = TraceContract.Of(TraceField.Filename).PropertyName;
    static readonly string SourceLineProperty = TraceContract.Of(TraceField.Lineno).PropertyName;

    [ThreadStatic] static TraceCallSite? t_last;

    readonly string _file;
    readonly int _line;

    TraceCallSite(string file, int line)
    {
        _file = file;
        _line = line;
        var properties = new List<LogEventProperty>(2);
        if (!string.IsNullOrEmpty(file))
            properties.Add(new LogEventProperty(SourceFileProperty, new ScalarValue(file)));
        if (line > 0)
            properties.Add(new LogEventProperty(SourceLineProperty, new ScalarValue(line)));
        Properties = properties.ToArray();
    }

    /// <summary>The file (when given) and the line (when positive), in that order.</summary>
    public LogEventProperty[] Properties { get; }

    /// <summary>The call site's properties, the same objects as the last call's when it came from the same place.</summary>
    public static TraceCallSite Of(string file, int line)
    {
        // The compiler's file path is a literal, so one call site passes the same string object each time.
        if (t_last is { } last && last._line == line && (ReferenceEquals(last._file, file) || last._file == file))
            return last;
        return t_last = new TraceCallSite(file, line);
    }
}
