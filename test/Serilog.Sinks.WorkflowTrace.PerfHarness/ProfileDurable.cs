using System.Text;
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
        var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>(events.Count);
        foreach (var captured in events)
        {
            line.GetStringBuilder().Clear();
            BufferLineFormatter.Write(ids.Format(captured), captured, line);
            lines.Add(line.ToString());
        }
        var utf8 = lines.Select(Encoding.UTF8.GetBytes).ToList();
        var parser = new ClefEventParser(skipDerivedFields: false);

        time("durable write: document id", i => ids.Format(events[i % events.Count].Sequence + i));
        time("durable write: CLEF line (BufferLineFormatter, captured event)", i =>
        {
            line.GetStringBuilder().Clear();
            BufferLineFormatter.Write("0123456789abcdef-000000000000002a", events[i % events.Count], line);
        });
        time("durable read: line to string and its id (BufferReader)", i =>
        {
            var bytes = utf8[i % utf8.Count];
            BufferLineParser.TryReadId(bytes);
            Encoding.UTF8.GetString(bytes);
        });
        time("durable read: CLEF line to LogEvent (ClefEventParser)", i => parser.Parse(lines[i % lines.Count], out _));
        time("durable read: parse and capture again (ClefEventParser + CaptureRecord)", i =>
        {
            var logEvent = parser.Parse(lines[i % lines.Count], out var callSite);
            CaptureRecord.Capture(logEvent, callSite.ThreadId, callSite.ParentSpanId, i, out var record, withAmbient: false);
            _ = new CapturedEvent(in record);
        });

        // The same events read back as the delivery loop reads them: each line its own template and context
        // properties, where the logging call's events share their context logger's.
        var readBack = lines.Select((text, i) =>
        {
            var logEvent = parser.Parse(text, out var callSite);
            CaptureRecord.Capture(logEvent, callSite.ThreadId, callSite.ParentSpanId, i + 1, out var record, withAmbient: false);
            return new CapturedEvent(in record);
        }).ToList();
        time("durable read: document of an event read back (after the logging call's: 'document')", i => document(readBack[i % readBack.Count]));
    }
}
