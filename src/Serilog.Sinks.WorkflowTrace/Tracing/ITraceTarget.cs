using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>Where a trace's events go: a Serilog logger (the static <c>Log</c> or a given one), or a Microsoft.Extensions.Logging logger.</summary>
interface ITraceTarget
{
    bool IsEnabled(LogEventLevel level);

    /// <summary>
    /// Writes one event: the template and its values, with the context <paramref name="properties"/> (which the
    /// template's own values win over). Never throws into the caller.
    /// </summary>
    void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[] values, IReadOnlyList<LogEventProperty> properties);
}
