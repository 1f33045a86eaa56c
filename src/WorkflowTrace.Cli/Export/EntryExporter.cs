using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Export;

/// <summary>
/// Writes entries as they are read, one at a time, in an <see cref="ExportFormat"/>: memory holds one entry, whatever
/// the run's size. Lines end with <c>\n</c>; the JSON array is opened before the first entry and closed after the last.
/// </summary>
sealed class EntryExporter(TextWriter output, ExportFormat format, TextWriter error)
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly ArrayBufferWriter<byte> _buffer = new();
    int _count;

    /// <summary>Entries written.</summary>
    public int Count => _count;

    public void Begin()
    {
        if (format == ExportFormat.Json)
            output.Write("[");
    }

    public void Write(TraceEntry entry)
    {
        switch (format)
        {
            case ExportFormat.Text:
                TraceTextFormatter.Write(output, entry);
                output.Write('\n');
                break;
            case ExportFormat.Json:
                output.Write(_count == 0 ? "\n" : ",\n");
                output.Write(Json(w => EntryJson.WriteEntry(w, entry)));
                break;
            case ExportFormat.Ndjson:
                output.Write(Json(w => EntryJson.WriteEntry(w, entry)));
                output.Write('\n');
                break;
            case ExportFormat.Clef:
                var written = true;
                var line = Json(w => written = ClefEntryWriter.TryWrite(w, entry));
                if (!written)
                {
                    // CLEF requires a time: say so rather than drop the entry unseen.
                    error.WriteLine($"workflow-trace: entry {entry.Id} has no datetime or created_at and cannot be written as CLEF; skipped");
                    return;
                }
                output.Write(line);
                output.Write('\n');
                break;
        }
        _count++;
    }

    public void End()
    {
        if (format == ExportFormat.Json)
            output.Write(_count == 0 ? "]\n" : "\n]\n");
    }

    string Json(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, Options))
            write(writer);
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
