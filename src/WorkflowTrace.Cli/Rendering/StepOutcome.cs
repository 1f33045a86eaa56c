namespace WorkflowTrace.Cli.Rendering;

/// <summary>How a stage or job ended, as its closing event says.</summary>
enum StepOutcome
{
    /// <summary>No closing event (yet): still running, or it never closed.</summary>
    Unfinished,

    /// <summary>Closed succeeded.</summary>
    Succeeded,

    /// <summary>Closed failed.</summary>
    Failed,
}
