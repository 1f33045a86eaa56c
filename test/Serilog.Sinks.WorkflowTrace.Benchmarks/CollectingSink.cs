using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>Keeps every event it receives; used at setup time only, never inside a measured method.</summary>
sealed class CollectingSink : ILogEventSink
{
    public List<LogEvent> Events { get; } = [];

    public void Emit(LogEvent logEvent) => Events.Add(logEvent);
}
