namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Lines read by one <see cref="BufferReader.Read"/>, and the position just after the last line read or set aside:
/// passing <see cref="End"/> to <see cref="BufferReader.Acknowledge"/> once the lines are shipped saves it.
/// </summary>
sealed record BufferBatch(IReadOnlyList<BufferedLine> Lines, BufferPosition End);
