using System.Globalization;
using System.Text.Json;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Export;

/// <summary>
/// One entry as a CLEF event (Serilog.Formatting.Compact's compact log event format): <c>@t</c>, <c>@mt</c>,
/// <c>@m</c>, <c>@l</c> (left out for Information), <c>@x</c>, <c>@tr</c>/<c>@sp</c> (W3C ids only), then the entry's
/// stored fields and its metadata as top-level properties. A property whose name starts with <c>@</c> is written
/// with it doubled, as CLEF escapes it. Fields the event's own members already carry (level, message, datetime,
/// stack trace, the message template) are not repeated.
/// </summary>
static class ClefEntryWriter
{
    static readonly HashSet<string> CarriedByEventMembers = new(StringComparer.Ordinal)
    {
        "level", "message", "datetime", "stack_trace", "metadata",
    };

    /// <summary>Serilog's name for a stored level; null for Information, which CLEF leaves out.</summary>
    public static string? LevelOf(string? level) => level switch
    {
        "trace" => "Verbose",
        "debug" => "Debug",
        "info" or null => null,
        "warning" => "Warning",
        "error" or "exception" => "Error",
        "critical" => "Fatal",
        // Another producer's own level name: kept, as CLEF tools (Seq) show an unknown level as it is.
        _ => level,
    };

    /// <summary>Writes the event; false (nothing written) when the entry has no time at all, which CLEF requires.</summary>
    public static bool TryWrite(Utf8JsonWriter writer, TraceEntry entry)
    {
        if ((entry.Datetime ?? entry.CreatedAt) is not { } time)
            return false;

        var metadata = entry.Metadata;
        var template = metadata is { ValueKind: JsonValueKind.Object } m &&
                       m.TryGetProperty(TraceContract.MessageTemplate, out var stored) && stored.ValueKind == JsonValueKind.String
            ? stored.GetString()!
            : EscapeAsTemplate(entry.Message ?? "");

        writer.WriteStartObject();
        writer.WriteString("@t", time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        writer.WriteString("@mt", template);
        if (entry.Message is { } message)
            writer.WriteString("@m", message);
        if (LevelOf(entry.Level) is { } level)
            writer.WriteString("@l", level);
        if ((entry.StackTrace ?? ExceptionHeadline(entry)) is { } exception)
            writer.WriteString("@x", exception);
        if (IsHex(entry.TraceId, 32))
            writer.WriteString("@tr", entry.TraceId);
        if (IsHex(entry.SpanId, 16))
            writer.WriteString("@sp", entry.SpanId);

        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in EntryFields.Of(entry))
        {
            if (CarriedByEventMembers.Contains(field.Name))
                continue;
            WriteProperty(writer, written, field.Name, field.Value);
        }

        if (metadata is { ValueKind: JsonValueKind.Object } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Name == TraceContract.MessageTemplate || !written.Add(Escape(property.Name)))
                    continue;
                writer.WritePropertyName(Escape(property.Name));
                property.Value.WriteTo(writer);
            }
        }

        WriteTemplateHoles(writer, written, template, entry);
        writer.WriteEndObject();
        return true;
    }

    /// <summary>
    /// A template hole named by a property that filled a contract field (<c>{RunId}</c> filled <c>run_id</c>) is
    /// not in the document's metadata: written again under the hole's name, so a CLEF tool renders the template —
    /// and a replay renders the same message.
    /// </summary>
    static void WriteTemplateHoles(Utf8JsonWriter writer, HashSet<string> written, string template, TraceEntry entry)
    {
        foreach (var hole in new MessageTemplateParser().Parse(template).Tokens.OfType<PropertyToken>())
        {
            if (written.Contains(Escape(hole.PropertyName)) ||
                !TraceContract.TryFindProperty(hole.PropertyName, out var field, out _) ||
                EntryFields.ValueOf(entry, field) is not { } value)
                continue;
            WriteProperty(writer, written, hole.PropertyName, value);
        }
    }

    static void WriteProperty(Utf8JsonWriter writer, HashSet<string> written, string name, object value)
    {
        var escaped = Escape(name);
        if (!written.Add(escaped))
            return;
        writer.WritePropertyName(escaped);
        EntryJson.WriteValue(writer, value);
    }

    /// <summary>CLEF reserves names starting with <c>@</c>: a property's leading <c>@</c> is doubled.</summary>
    public static string Escape(string name) => name.StartsWith('@') ? "@" + name : name;

    /// <summary>A message as a template that renders to itself: braces doubled so none is taken for a hole.</summary>
    public static string EscapeAsTemplate(string message) => message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    static string? ExceptionHeadline(TraceEntry entry) => entry.ExceptionType is { } type
        ? entry.ExceptionMessage is { Length: > 0 } text ? $"{type}: {text}" : type
        : null;

    static bool IsHex(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiHexDigitLower);
}
