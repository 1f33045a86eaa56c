using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Records the events it is given, thread-safely.</summary>
sealed class ListSink : ILogEventSink
{
    readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }
}
