using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Counts the failures the sink reports (an event rejected by the queue limit, for instance), so that a benchmark
/// can refuse to report figures for a path other than the one it claims to measure.
/// </summary>
sealed class FailureCounter : ILoggingFailureListener
{
    int _count;
    string? _first;

    public int Count => Volatile.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        Interlocked.CompareExchange(ref _first, message, null);
        Interlocked.Increment(ref _count);
    }
}
