using System.Globalization;
using System.Text.Json;
using Serilog.Events;
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

    /// <summary>Writes a captured event (the sink's own copy of it) as one JSON object in UTF-8, without the newline.</summary>
    public static void Write(ReadOnlySpan<byte> documentId, CapturedEvent captured, Utf8JsonWriter output)
    {
        output.WriteStartObject();
        output.WriteString(IdName, documentId);
        Span<char> time = stackalloc char[40];
        captured.Timestamp.UtcDateTime.TryFormat(time, out var timeLength, "O", CultureInfo.InvariantCulture);
        output.WriteString(TimeName, time[..timeLength]);
        output.WriteString(TemplateName, captured.Template.Text);
        if (captured.Level != LogEventLevel.Information)
            output.WriteString(LevelName, LevelText(captured.Level));
        if (captured.Exception is { } exception)
            output.WriteString(ExceptionName, Unreadable.FullTextOf(exception));
        if (captured.TraceId != default)
            output.WriteString(TraceName, captured.TraceId.ToHexString());
        if (captured.SpanId != default)
            output.WriteString(SpanName, captured.SpanId.ToHexString());
        output.WriteNumber(ThreadName, captured.ThreadId);
        if (captured.ParentSpanId != default)
            output.WriteString(ParentSpanName, captured.ParentSpanId.ToHexString());
        if (captured.Exception is { } recorded)
        {
            output.WriteString(ExceptionTypeName, Unreadable.TypeNameOf(recorded));
            output.WriteString(ExceptionMessageName, Unreadable.MessageOf(recorded));
        }
        foreach (var property in captured.Own)
            ClefValueWriter.WriteMember(output, in property);
        foreach (var property in captured.Shared)
            ClefValueWriter.WriteMember(output, in property);
        output.WriteEndObject();
    }

    static readonly JsonEncodedText IdName = JsonEncodedText.Encode(IdField), TimeName = JsonEncodedText.Encode("@t"),
        TemplateName = JsonEncodedText.Encode("@mt"), LevelName = JsonEncodedText.Encode("@l"), ExceptionName = JsonEncodedText.Encode("@x"),
        TraceName = JsonEncodedText.Encode("@tr"), SpanName = JsonEncodedText.Encode("@sp"), ThreadName = JsonEncodedText.Encode(ThreadField),
        ParentSpanName = JsonEncodedText.Encode(ParentSpanField), ExceptionTypeName = JsonEncodedText.Encode(ExceptionTypeField),
        ExceptionMessageName = JsonEncodedText.Encode(ExceptionMessageField);

    static string LevelText(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "Verbose",
        LogEventLevel.Debug => "Debug",
        LogEventLevel.Information => "Information",
        LogEventLevel.Warning => "Warning",
        LogEventLevel.Error => "Error",
        LogEventLevel.Fatal => "Fatal",
        _ => level.ToString(),
    };
}
