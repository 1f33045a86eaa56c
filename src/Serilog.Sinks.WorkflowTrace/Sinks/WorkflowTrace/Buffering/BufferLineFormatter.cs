using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Writes an event as one line of CLEF (compact log event format, as Serilog.Formatting.Compact writes it) with
/// the document id first, as <c>"@wt_id"</c>. A name starting with <c>@</c> cannot clash with a property of the
/// application (CLEF writes those as <c>@@name</c>), and CLEF readers skip the reified fields they do not know, so
/// the file stays plain CLEF to <c>jq</c>, Seq's tools and <c>workflow-trace replay</c>.
/// </summary>
static class BufferLineFormatter
{
    /// <summary>The name of the field carrying the document id.</summary>
    public const string IdField = "@wt_id";

    static readonly JsonValueFormatter Values = new(typeTagName: "$type");

    /// <summary>Writes <paramref name="logEvent"/> as one JSON object, without the newline.</summary>
    public static void Write(string documentId, LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"" + IdField + "\":");
        JsonValueFormatter.WriteQuotedJsonString(documentId, output);
        output.Write(",\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@mt\":");
        JsonValueFormatter.WriteQuotedJsonString(logEvent.MessageTemplate.Text, output);
        if (logEvent.Level != LogEventLevel.Information)
        {
            output.Write(",\"@l\":\"");
            output.Write(logEvent.Level.ToString());
            output.Write('"');
        }
        if (logEvent.Exception is not null)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(logEvent.Exception.ToString(), output);
        }
        if (logEvent.TraceId is { } traceId)
        {
            output.Write(",\"@tr\":\"");
            output.Write(traceId.ToHexString());
            output.Write('"');
        }
        if (logEvent.SpanId is { } spanId)
        {
            output.Write(",\"@sp\":\"");
            output.Write(spanId.ToHexString());
            output.Write('"');
        }
        foreach (var (name, value) in logEvent.Properties)
        {
            output.Write(',');
            JsonValueFormatter.WriteQuotedJsonString(name.StartsWith('@') ? "@" + name : name, output);
            output.Write(':');
            Values.Format(value, output);
        }
        output.Write('}');
    }
}
