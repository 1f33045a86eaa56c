namespace WorkflowTrace.Cli.Rendering;

/// <summary>One bar of a run's timeline: a stage, or a job (in a stage or not), from its start to its end.</summary>
/// <param name="Stage">The stage's name; for a job, the stage it ran in, if any.</param>
/// <param name="Job">The job's name; null for a stage.</param>
/// <param name="Start">When it started: its first entry, or earlier when its closing event's duration says so.</param>
/// <param name="End">Its last entry.</param>
/// <param name="Duration">The closing event's <c>duration_ms</c>; otherwise from its first to its last entry.</param>
/// <param name="Outcome">What its closing event says.</param>
sealed record TimelineStep(string? Stage, string? Job, DateTimeOffset Start, DateTimeOffset End, TimeSpan Duration, StepOutcome Outcome)
{
    /// <summary>Whether this is a job (otherwise a stage).</summary>
    public bool IsJob => Job is not null;

    /// <summary>The step's name as shown: the stage, or the job (indented under its stage).</summary>
    public string Label => Job is null ? Stage ?? "" : Stage is null ? Job : $"  {Job}";
}
