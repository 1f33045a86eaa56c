namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>A document the reader could not read as a trace entry; it is skipped and the rest is still read.</summary>
/// <param name="Id">The document's <c>_id</c>.</param>
/// <param name="Index">The index that holds it.</param>
/// <param name="Reason">What is wrong with it (which field, what value kind).</param>
public sealed record MalformedTraceDocument(string Id, string? Index, string Reason);
