using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// One CLEF line (Serilog.Formatting.Compact's format) back as the <see cref="LogEvent"/> it was written from:
/// <c>@t</c> the timestamp (required), <c>@mt</c> the template (else <c>@m</c> as literal text), <c>@l</c> the level
/// (absent: Information), <c>@x</c> the exception (see <see cref="RecordedException"/>), <c>@tr</c>/<c>@sp</c> the
/// trace and span ids; every other property as a property, <c>@@name</c> as <c>@name</c>; other <c>@</c> names
/// (<c>@i</c>, <c>@r</c>) are CLEF's own and left out. Of the durable buffer's own <c>@wt_</c> fields
/// (<see cref="BufferLineFormatter"/>) the exception's type and message are used. For <c>workflow-trace replay</c>,
/// which reads CLEF from any producer; the buffer's delivery reads its own lines with <see cref="BufferLineReader"/>.
/// </summary>
sealed class ClefEventParser
{
    /// <summary>
    /// Fields of an exported trace document that the sink works out itself from the event (its level, message, time
    /// and exception, the cut id, when it built the document): read from the event's own members, not kept as
    /// properties, which would otherwise land in <c>metadata</c>. The producer's process, thread and host stay
    /// properties, so the original values are kept under <c>metadata</c>.
    /// </summary>
    static readonly HashSet<string> DerivedFields = new(StringComparer.Ordinal)
    {
        "level", "message", "datetime", "cut_id", "exception_type", "exception_message", "stack_trace", "created_at",
    };

    readonly MessageTemplateParser _templates = new();

    /// <summary>The event of <paramref name="line"/>.</summary>
    /// <exception cref="FormatException">The line is not a CLEF event; the message says why.</exception>
    public LogEvent Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException malformed)
        {
            throw new FormatException($"not JSON: {malformed.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("not a JSON object");

            var timestamp = Timestamp(root);
            var level = root.TryGetProperty("@l", out var l) ? Level(l) : LogEventLevel.Information;
            var template = TemplateOf(Template(root));
            var traceId = root.TryGetProperty("@tr", out var tr) && tr.ValueKind == JsonValueKind.String && tr.GetString() is { Length: 32 } trace && IsHex(trace)
                ? ActivityTraceId.CreateFromString(trace) : default;
            var spanId = root.TryGetProperty("@sp", out var sp) && sp.ValueKind == JsonValueKind.String && sp.GetString() is { Length: 16 } span && IsHex(span)
                ? ActivitySpanId.CreateFromString(span) : default;

            var properties = new Dictionary<string, LogEventProperty>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name;
                if (name.StartsWith("@@", StringComparison.Ordinal))
                    name = name[1..];
                else if (name.StartsWith('@') || DerivedFields.Contains(name) || !ClefValues.IsValidName(name))
                    continue;
                properties[name] = new LogEventProperty(name, ClefValues.ToValue(property.Value));
            }

            var exception = root.TryGetProperty("@x", out var x) && x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } text
                ? RecordedException.FromText(text,
                    Text(root, BufferLineFormatter.ExceptionTypeField) ?? Text(root, "exception_type"),
                    Text(root, BufferLineFormatter.ExceptionMessageField) ?? Text(root, "exception_message"))
                : null;
            return new LogEvent(timestamp, level, exception, template, properties.Values, traceId, spanId);
        }
    }

    /// <summary>Templates parsed so far: a file holds the same few templates many times over. Bounded.</summary>
    readonly Dictionary<string, MessageTemplate> _parsed = new(StringComparer.Ordinal);

    MessageTemplate TemplateOf(string text)
    {
        if (_parsed.TryGetValue(text, out var template))
            return template;
        if (_parsed.Count >= 1000)
            _parsed.Clear();
        return _parsed[text] = _templates.Parse(text);
    }

    static DateTimeOffset Timestamp(JsonElement root)
    {
        if (!root.TryGetProperty("@t", out var t) || t.ValueKind != JsonValueKind.String)
            throw new FormatException("no @t (the event's time)");
        if (!DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
            throw new FormatException($"@t '{t.GetString()}' is not an ISO 8601 time");
        return timestamp;
    }

    static string Template(JsonElement root)
    {
        if (root.TryGetProperty("@mt", out var mt) && mt.ValueKind == JsonValueKind.String)
            return mt.GetString()!;
        if (root.TryGetProperty("@m", out var m) && m.ValueKind == JsonValueKind.String)
            return m.GetString()!.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        return "";
    }

    /// <summary>Serilog's level names, as CLEF writes them, and the short and other producers' names CLEF tools accept.</summary>
    static LogEventLevel Level(JsonElement level)
    {
        var name = level.ValueKind == JsonValueKind.String ? level.GetString() : null;
        return name?.ToLowerInvariant() switch
        {
            "verbose" or "trace" or "vrb" or "trc" => LogEventLevel.Verbose,
            "debug" or "dbg" => LogEventLevel.Debug,
            "information" or "info" or "inf" => LogEventLevel.Information,
            "warning" or "warn" or "wrn" => LogEventLevel.Warning,
            "error" or "err" or "exception" => LogEventLevel.Error,
            "fatal" or "critical" or "crit" or "ftl" => LogEventLevel.Fatal,
            _ => throw new FormatException($"@l '{name ?? level.GetRawText()}' is not a level (Verbose, Debug, Information, Warning, Error, Fatal)"),
        };
    }

    static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);
}
