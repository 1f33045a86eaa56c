using Serilog.Core;
using Serilog.Events;

namespace WorkflowTrace.Cli.Replay;

/// <summary>
/// The sink's failure listener during a replay: counts the events it gave up on (a permanent refusal, or still
/// undelivered when the logger closed) and keeps each distinct reason. A temporary failure — a batch kept for a
/// retry — is not counted: the event may still arrive.
/// </summary>
sealed class ReplayFailures : ILoggingFailureListener
{
    /// <summary>Distinct reasons kept: a file of events refused one by one must not fill the screen or the memory.</summary>
    public const int MaxReasons = 10;

    readonly object _gate = new();
    readonly List<string> _reasons = [];
    int _failed;

    /// <summary>Events the sink reported as not delivered.</summary>
    public int Failed
    {
        get { lock (_gate) return _failed; }
    }

    /// <summary>Each distinct reason given, in the order first heard: the first <see cref="MaxReasons"/>.</summary>
    public IReadOnlyList<string> Reasons
    {
        get { lock (_gate) return [.. _reasons]; }
    }

    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        if (kind == LoggingFailureKind.Temporary)
            return;
        lock (_gate)
        {
            _failed += events?.Count ?? 0;
            if (_reasons.Count < MaxReasons && !_reasons.Contains(message))
                _reasons.Add(message);
        }
    }
}
