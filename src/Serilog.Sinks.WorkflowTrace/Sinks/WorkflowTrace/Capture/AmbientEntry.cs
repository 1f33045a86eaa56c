namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// One entering of an <see cref="AmbientTrace"/> into the current flow (the value of its async-local): the context,
/// and what entered it (a trace's frame). A context is shared by scopes with the same properties; the entry is each
/// one's own, so a scope leaving restores the context before it only while its own entry is the current one.
/// </summary>
sealed class AmbientEntry
{
    public AmbientEntry(AmbientTrace trace, object owner)
    {
        Trace = trace;
        Owner = owner;
    }

    public AmbientTrace Trace { get; }

    public object Owner { get; }
}
