using Serilog.Core;
using Serilog.Events;

namespace WorkflowTrace.Sample;

/// <summary>The fallback sink: counts the events the WorkflowTrace sink reported as not delivered.</summary>
sealed class UndeliveredEvents : ILogEventSink
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public void Emit(LogEvent logEvent) => Interlocked.Increment(ref _count);
}
