using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The Python handler's text line of an entry:
/// <c>"{datetime} ({process:5d}, {thread:5d}) ({cut_id}) {message:120s} ({filename}:{lineno})"</c>. <c>datetime</c> as
/// stored; process and thread right-aligned to width 5 (longer numbers are not cut); the message padded with spaces,
/// never cut, to 120 code points (a character outside the BMP counts one, as in Python); a missing value printed as
/// Python prints <c>None</c> (for process and thread, right-aligned to width 5 like the numbers it stands for).
/// Lines are joined with <c>"\n"</c>, without a trailing newline; an entry whose <c>mode</c> is <c>stderr</c> goes to
/// the stderr view, every other to stdout.
/// </summary>
static class TraceTextFormatter
{
    const string None = "None";
    const int NumberWidth = 5;
    const int MessageWidth = 120;

    /// <summary>Whether the entry belongs to the stderr view.</summary>
    public static bool IsStderr(TraceEntry entry) => entry.Mode == "stderr";

    /// <summary>Writes one entry's line, without a newline.</summary>
    public static void Write(TextWriter writer, TraceEntry entry)
    {
        writer.Write(entry.DatetimeText ?? None);
        writer.Write(" (");
        WriteRightAligned(writer, entry.Process?.ToString(CultureInfo.InvariantCulture) ?? None, NumberWidth);
        writer.Write(", ");
        WriteRightAligned(writer, entry.Thread?.ToString(CultureInfo.InvariantCulture) ?? None, NumberWidth);
        writer.Write(") (");
        writer.Write(entry.CutId ?? None);
        writer.Write(") ");
        var message = entry.Message ?? None;
        writer.Write(message);
        for (var width = CodePoints(message); width < MessageWidth; width++)
            writer.Write(' ');
        writer.Write(" (");
        writer.Write(entry.Filename ?? None);
        writer.Write(':');
        writer.Write(entry.Lineno?.ToString(CultureInfo.InvariantCulture) ?? None);
        writer.Write(')');
    }

    /// <summary>One entry's line.</summary>
    public static string Format(TraceEntry entry)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, entry);
        return writer.ToString();
    }

    /// <summary>The stdout and stderr views of entries, in their order.</summary>
    public static (string Stdout, string Stderr) Views(IEnumerable<TraceEntry> entries)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var stdoutWriter = new StringWriter(stdout, CultureInfo.InvariantCulture);
        using var stderrWriter = new StringWriter(stderr, CultureInfo.InvariantCulture);
        foreach (var entry in entries)
        {
            var (builder, writer) = IsStderr(entry) ? (stderr, stderrWriter) : (stdout, stdoutWriter);
            if (builder.Length > 0)
                writer.Write('\n');
            Write(writer, entry);
        }

        return (stdout.ToString(), stderr.ToString());
    }

    /// <summary>Code points, as Python's <c>len</c> counts them: a surrogate pair is one, a lone surrogate one.</summary>
    public static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    static void WriteRightAligned(TextWriter writer, string text, int width)
    {
        for (var pad = text.Length; pad < width; pad++)
            writer.Write(' ');
        writer.Write(text);
    }
}
