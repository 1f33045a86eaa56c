namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>One event read back from the buffer: its document id, its CLEF line (without the newline) and where it lies.</summary>
/// <param name="DocumentId">The <c>@wt_id</c> written with the event.</param>
/// <param name="Json">The whole line, a CLEF object.</param>
/// <param name="Position">Where the line starts.</param>
sealed record BufferedLine(string DocumentId, string Json, BufferPosition Position);
