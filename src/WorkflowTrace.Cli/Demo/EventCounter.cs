using Serilog.Core;
using Serilog.Events;

namespace WorkflowTrace.Cli.Demo;

/// <summary>Counts the events the demo writes, so that it knows how many entries to wait for before reading back.</summary>
sealed class EventCounter : ILogEventSink
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public void Emit(LogEvent logEvent) => Interlocked.Increment(ref _count);
}
