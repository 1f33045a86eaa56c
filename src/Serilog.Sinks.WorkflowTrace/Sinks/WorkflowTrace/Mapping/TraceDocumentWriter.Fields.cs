using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Writing single fields: the rendered message, the exception's three fields, optional texts and numbers, dates
/// and W3C ids in hex.
/// </summary>
sealed partial class TraceDocumentWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMessage(Utf8JsonWriter writer, CapturedEvent captured)
    {
        RenderMessage(captured);
        if (_text.WrittenSpan.Length > 0)
            _values.WriteText(writer, TraceFields.Message, _text.WrittenSpan, _text.Length + _text.Dropped);
    }

    /// <summary>Renders the message into <see cref="_text"/>; a template that cannot be rendered gives its text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void RenderMessage(CapturedEvent captured)
    {
        _text.Clear();
        // More than the document can hold of one text is not rendered at all.
        _text.Limit = _values.Budget.MaxChars;
        try
        {
            _renderer.Render(captured.Template, captured.Own, _shared, _text);
        }
        catch (Exception)
        {
            _text.Clear();
            _text.Write(captured.Template.Text);
        }
    }

    void WriteException(Utf8JsonWriter writer, Exception exception)
    {
        // An application's exception may throw from Message, StackTrace or ToString (its inner ones too): what cannot
        // be read is written as a placeholder naming what it threw.
        _values.WriteText(writer, TraceFields.ExceptionType, Unreadable.TypeNameOf(exception));
        WriteOptional(writer, TraceFields.ExceptionMessage, Unreadable.MessageOf(exception));
        WriteOptional(writer, TraceFields.StackTrace, Unreadable.FullTextOf(exception));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            _values.WriteText(writer, name, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value, JsonEncodedText? fallback)
    {
        if (!string.IsNullOrEmpty(value))
            _values.WriteText(writer, name, value);
        else if (fallback is { } encoded)
            writer.WriteString(name, encoded);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WritePropertyName(name);
            JsonValueWriter.WriteDouble(writer, number);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[Utf8Dates.Length];
        Utf8Dates.Write(utc, buffer);
        writer.WriteString(name, buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivityTraceId id)
    {
        Span<byte> raw = stackalloc byte[16];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ActivitySpanId id)
    {
        Span<byte> raw = stackalloc byte[8];
        id.CopyTo(raw);
        WriteHex(writer, name, raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<byte> raw)
    {
        Span<byte> hex = stackalloc byte[raw.Length * 2];
        for (var i = 0; i < raw.Length; i++)
        {
            hex[2 * i] = HexDigit(raw[i] >> 4);
            hex[2 * i + 1] = HexDigit(raw[i] & 0xF);
        }
        writer.WriteString(name, hex);
    }

    static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
