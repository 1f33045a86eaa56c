namespace Serilog.Sinks.WorkflowTrace;

/// <summary>What a <see cref="RunTraceScope"/> stands for.</summary>
public enum TraceScopeKind
{
    /// <summary>A stage of the workflow: its name is written as <c>stage_name</c>.</summary>
    Stage,

    /// <summary>A job: its name is written as <c>job_name</c>.</summary>
    Job,
}
