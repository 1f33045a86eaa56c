using System.Diagnostics;
using Serilog.Debugging;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>Writes a trace's events through a Serilog logger, read afresh each time for the static <c>Log</c>.</summary>
sealed class SerilogTraceTarget : ITraceTarget
{
    readonly Func<ILogger> _logger;

    public SerilogTraceTarget(Func<ILogger> logger) => _logger = logger;

    public bool IsEnabled(LogEventLevel level) => _logger().IsEnabled(level);

    public void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[] values, IReadOnlyList<LogEventProperty> properties)
    {
        try
        {
            var logger = _logger();
            if (!logger.IsEnabled(level) || !logger.BindMessageTemplate(messageTemplate, values, out var template, out var bound))
                return;

            // The context first, the template's values after, into the event's own dictionary made at its final
            // size (LogEvent's constructor would grow one from empty, two or three times over): a name's later value
            // replaces the earlier one at its place, as LogEvent would, so the template's values win over the context.
            var boundArray = bound as LogEventProperty[] ?? bound.ToArray();
            var all = new Dictionary<string, LogEventPropertyValue>(properties.Count + boundArray.Length);
            for (var i = 0; i < properties.Count; i++)
                all[properties[i].Name] = properties[i].Value;
            foreach (var property in boundArray)
                all[property.Name] = property.Value;

            var activity = Activity.Current;
            logger.Write(LogEvent.UnstableAssembleFromParts(DateTimeOffset.Now, level, exception, template, all,
                activity?.TraceId ?? default, activity?.SpanId ?? default));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: a trace event could not be written: {0}", ex);
        }
    }
}
