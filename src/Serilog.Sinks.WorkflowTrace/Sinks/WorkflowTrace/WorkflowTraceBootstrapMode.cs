namespace Serilog.Sinks.WorkflowTrace;

/// <summary>What the sink does about the index template (and lifecycle policy) before it first writes.</summary>
public enum WorkflowTraceBootstrapMode
{
    /// <summary>Never touch templates or policies: they are managed elsewhere.</summary>
    None,

    /// <summary>Install them; if that fails, say why through SelfLog, keep shipping, and try again with the next batch.</summary>
    Silent,

    /// <summary>Ship nothing until they are in place; events wait in the buffer (bounded by the queue limit), they are not dropped.</summary>
    Failure,
}
