using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>A sink that does nothing: stands in for Serilog's batching sink, so only the caller's cost is measured.</summary>
sealed class NoOpSink : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
    }
}
