namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// An exception that stands for one recorded elsewhere — an event shipped again from a CLEF file by
/// <c>workflow-trace replay</c> — whose <c>exception_type</c> is the original's type name, not its own. Its
/// <c>Message</c> and <c>ToString()</c> already give the original's message and full text.
/// </summary>
interface IRecordedException
{
    /// <summary>The original exception's full type name, written as <c>exception_type</c>.</summary>
    string TypeName { get; }
}
