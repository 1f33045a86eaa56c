using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Writes an event as one line of CLEF (compact log event format, as Serilog.Formatting.Compact writes it) with
/// the document id first, as <c>"@wt_id"</c>, and what only the logging call knew after the CLEF fields:
/// <c>@wt_thread</c>, <c>@wt_parent</c>, and for an exception <c>@wt_xtype</c>/<c>@wt_xmsg</c> (its type and
/// message as the trace document shows them). A name starting with <c>@</c> cannot clash with a property of the
/// application (CLEF writes those as <c>@@name</c>), and CLEF readers skip the reified fields they do not know, so
/// the file stays plain CLEF to <c>jq</c>, Seq's tools and <c>workflow-trace replay</c>.
/// </summary>
static class BufferLineFormatter
{
    /// <summary>The name of the field carrying the document id.</summary>
    public const string IdField = "@wt_id";

    /// <summary>The managed id of the thread that logged the event.</summary>
    public const string ThreadField = "@wt_thread";

    /// <summary>The parent span of the activity current at the logging call, when there was one.</summary>
    public const string ParentSpanField = "@wt_parent";

    /// <summary>The exception's type as <c>exception_type</c> shows it.</summary>
    public const string ExceptionTypeField = "@wt_xtype";

    /// <summary>The exception's message as <c>exception_message</c> shows it.</summary>
    public const string ExceptionMessageField = "@wt_xmsg";

    static readonly JsonValueFormatter Values = new(typeTagName: "$type");

    /// <summary>Writes <paramref name="logEvent"/> as one JSON object, without the newline.</summary>
    public static void Write(string documentId, LogEvent logEvent, TextWriter output)
    {
        WriteHead(documentId, logEvent.Timestamp, logEvent.MessageTemplate.Text, logEvent.Level, logEvent.Exception,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default, output);
        foreach (var (name, value) in logEvent.Properties)
            WriteProperty(name, value, output);
        output.Write('}');
    }

    /// <summary>Writes a captured event (the sink's own copy of it) as one JSON object, without the newline.</summary>
    public static void Write(string documentId, CapturedEvent captured, TextWriter output)
    {
        WriteHead(documentId, captured.Timestamp, captured.Template.Text, captured.Level, captured.Exception,
            captured.TraceId, captured.SpanId, output);
        output.Write(",\"" + ThreadField + "\":");
        output.Write(captured.ThreadId.ToString(CultureInfo.InvariantCulture));
        if (captured.ParentSpanId != default)
        {
            output.Write(",\"" + ParentSpanField + "\":\"");
            output.Write(captured.ParentSpanId.ToHexString());
            output.Write('"');
        }
        if (captured.Exception is { } exception)
        {
            output.Write(",\"" + ExceptionTypeField + "\":");
            JsonValueFormatter.WriteQuotedJsonString(Unreadable.TypeNameOf(exception), output);
            if (Unreadable.MessageOf(exception) is { } message)
            {
                output.Write(",\"" + ExceptionMessageField + "\":");
                JsonValueFormatter.WriteQuotedJsonString(message, output);
            }
        }
        foreach (var property in captured.Own)
            WriteProperty(property.Name, property.ToValue(), output);
        foreach (var property in captured.Shared)
            WriteProperty(property.Name, property.ToValue(), output);
        output.Write('}');
    }

    static void WriteHead(string documentId, DateTimeOffset timestamp, string template, LogEventLevel level, Exception? exception,
        System.Diagnostics.ActivityTraceId traceId, System.Diagnostics.ActivitySpanId spanId, TextWriter output)
    {
        output.Write("{\"" + IdField + "\":");
        JsonValueFormatter.WriteQuotedJsonString(documentId, output);
        output.Write(",\"@t\":\"");
        output.Write(timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@mt\":");
        JsonValueFormatter.WriteQuotedJsonString(template, output);
        if (level != LogEventLevel.Information)
        {
            output.Write(",\"@l\":\"");
            output.Write(level.ToString());
            output.Write('"');
        }
        if (exception is not null && Unreadable.FullTextOf(exception) is { } text)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(text, output);
        }
        if (traceId != default)
        {
            output.Write(",\"@tr\":\"");
            output.Write(traceId.ToHexString());
            output.Write('"');
        }
        if (spanId != default)
        {
            output.Write(",\"@sp\":\"");
            output.Write(spanId.ToHexString());
            output.Write('"');
        }
    }

    static void WriteProperty(string name, LogEventPropertyValue value, TextWriter output)
    {
        output.Write(',');
        JsonValueFormatter.WriteQuotedJsonString(name.StartsWith('@') ? "@" + name : name, output);
        output.Write(':');
        Values.Format(value, output);
    }
}
