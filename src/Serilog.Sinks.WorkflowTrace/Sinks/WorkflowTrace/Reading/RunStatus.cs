namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>How a run went, derived from its entries' levels and the closing events its stages and jobs wrote.</summary>
public enum RunStatus
{
    /// <summary>No error and no closing event yet: still running, or traced without stage or job scopes.</summary>
    Unknown,

    /// <summary>At least one stage or job closed (an entry with <c>duration_ms</c>) and no entry is an error.</summary>
    Succeeded,

    /// <summary>At least one entry is an error (level <c>error</c>, <c>critical</c> or <c>exception</c>, or <c>error_flag</c>).</summary>
    Failed,
}
