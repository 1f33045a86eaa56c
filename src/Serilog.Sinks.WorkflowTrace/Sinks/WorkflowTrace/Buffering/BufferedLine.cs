using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>One event read back from the buffer: its document id, its CLEF line (UTF-8, without the newline) and where it lies.</summary>
/// <param name="DocumentId">The <c>@wt_id</c> written with the event.</param>
/// <param name="Utf8">The whole line, a CLEF object, as it is in the file.</param>
/// <param name="Position">Where the line starts.</param>
sealed record BufferedLine(string DocumentId, ReadOnlyMemory<byte> Utf8, BufferPosition Position)
{
    /// <summary>The line as text.</summary>
    public string Json => Encoding.UTF8.GetString(Utf8.Span);
}
