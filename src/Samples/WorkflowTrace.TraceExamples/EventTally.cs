using Serilog.Core;
using Serilog.Events;

namespace WorkflowTrace.TraceExamples;

/// <summary>Counts the events that reach it and the runs (<c>RunId</c>) they belong to.</summary>
sealed class EventTally : ILogEventSink
{
    readonly HashSet<string> _runIds = new(StringComparer.Ordinal);
    int _count;

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> RunIds
    {
        get
        {
            lock (_runIds)
                return _runIds.Order(StringComparer.Ordinal).ToArray();
        }
    }

    public void Emit(LogEvent logEvent)
    {
        Interlocked.Increment(ref _count);
        if (logEvent.Properties.TryGetValue("RunId", out var value) && value is ScalarValue { Value: string runId })
        {
            lock (_runIds)
                _runIds.Add(runId);
        }
    }
}
