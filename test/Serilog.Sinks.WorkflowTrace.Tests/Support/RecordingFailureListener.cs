using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>A failure listener that records what it is told.</summary>
sealed class RecordingFailureListener : ILoggingFailureListener
{
    public sealed record Failure(LoggingFailureKind Kind, string Message, IReadOnlyList<LogEvent> Events, Exception? Exception);

    readonly List<Failure> _failures = [];

    public IReadOnlyList<Failure> Failures
    {
        get { lock (_failures) return _failures.ToList(); }
    }

    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        lock (_failures) _failures.Add(new Failure(kind, message, events?.ToList() ?? [], exception));
    }
}
