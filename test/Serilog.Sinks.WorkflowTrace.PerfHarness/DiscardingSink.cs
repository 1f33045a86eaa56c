using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The floor: a sink that does nothing, so a run through it measures Serilog's own cost of the scenario's logging
/// call (binding, enrichment, the event and its dictionary) — what every sink pays before its own work starts.
/// </summary>
sealed class DiscardingSink : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
    }
}
