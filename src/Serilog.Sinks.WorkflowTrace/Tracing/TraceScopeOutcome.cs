namespace Serilog.Sinks.WorkflowTrace;

/// <summary>How a <see cref="RunTraceScope"/> ended, as written in its closing event (<c>metadata.Outcome</c>).</summary>
public enum TraceScopeOutcome
{
    /// <summary><see cref="RunTraceScope.Complete"/> was called (or the body of <c>StageAsync</c>/<c>JobAsync</c> returned).</summary>
    Succeeded,

    /// <summary><see cref="RunTraceScope.Fail"/> was called (or the body threw), or the scope ended without <see cref="RunTraceScope.Complete"/>.</summary>
    Failed,
}
