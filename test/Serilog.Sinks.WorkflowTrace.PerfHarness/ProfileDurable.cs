using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The durable buffer's per-event stages, one at a time on one thread (part of <c>profile</c>): what the spool does
/// to write an event to the files, and what the delivery loop does to read it back before it builds the document.
/// </summary>
static class ProfileDurable
{
    /// <param name="events">The scenario's events, captured by the logging call.</param>
    /// <param name="time">Times one stage.</param>
    /// <param name="document">Writes one trace document, as the delivery loop does.</param>
    public static void Run(List<CapturedEvent> events, Action<string, Action<int>> time, Action<CapturedEvent> document)
    {
        var ids = new DocumentIdFactory();
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var id = new byte[DocumentIdFactory.MaxLength];
        void Line(CapturedEvent captured)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            BufferLineFormatter.Write(id.AsSpan(0, ids.Write(captured, id)), captured, json);
            json.Flush();
        }
        var lines = new List<byte[]>(events.Count);
        foreach (var captured in events)
        {
            Line(captured);
            lines.Add(buffer.WrittenSpan.ToArray());
        }

        time("durable write: document id", i => ids.Write(events[i % events.Count].Sequence + i, id));
        time("durable write: CLEF line with its id (BufferLineFormatter, captured event)", i => Line(events[i % events.Count]));
        time("durable read: the line's id (BufferLineParser)", i => BufferLineParser.TryReadId(lines[i % lines.Count]));
        var reader = new BufferLineReader();
        time("durable read: line to captured event (BufferLineReader)", i =>
        {
            reader.Read(lines[i % lines.Count], out var record);
            _ = new CapturedEvent(in record);
        });

        // The same events read back as the delivery loop reads them, one after another from one file.
        var readBack = lines.Select((line, i) =>
        {
            reader.Read(line, out var record);
            record.Sequence = i + 1;
            return new CapturedEvent(in record);
        }).ToList();
        time("durable read: document of an event read back (after the logging call's: 'document')", i => document(readBack[i % readBack.Count]));
    }
}
