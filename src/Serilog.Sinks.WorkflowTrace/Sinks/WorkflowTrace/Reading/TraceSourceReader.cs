using System.Collections.ObjectModel;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads one hit's <c>_source</c> object into a <see cref="TraceEntryBuilder"/>, field by field, from the answer's
/// bytes. Lenient where Elasticsearch itself coerces (a number as a string, <c>256.0</c> for an integer, a number
/// or a boolean in a keyword field, one string for <c>tags</c>, epoch milliseconds for a date); JSON <c>null</c> is
/// an absent value; fields outside the contract are skipped. A value that cannot be the field's type (a thread
/// <c>"abc"</c>, <c>tags: 5</c>, a date that is not one) sets the builder's reason, naming the field, and the rest of
/// the object is skipped: the hit is reported, the answer still read.
/// </summary>
static class TraceSourceReader
{
    const int MaxQuotedBytes = 40;

    /// <param name="reader">At the source's <see cref="JsonTokenType.StartObject"/>; left at its end.</param>
    /// <param name="answer">The whole answer the reader reads (for raw JSON slices).</param>
    /// <param name="entry">Receives the values, or the reason the source cannot be read.</param>
    /// <param name="cache">The answer's strings of repeated values.</param>
    public static void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, TraceEntryBuilder entry, KeywordCache cache)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = reader.ValueIsEscaped ? TraceSourceFields.Find(Unescaped(ref reader)) : TraceSourceFields.Find(reader.ValueSpan);
            reader.Read();
            if (slot < 0 || reader.TokenType == JsonTokenType.Null || entry.Reason is not null)
            {
                reader.Skip();
                continue;
            }

            var problem = TraceSourceFields.Kinds[slot] switch
            {
                SourceFieldKind.Keyword => ReadString(ref reader, slot, entry, cache),
                SourceFieldKind.Text => ReadString(ref reader, slot, entry, null),
                SourceFieldKind.Integer => ReadInteger(ref reader, slot, entry, int.MinValue, int.MaxValue, "an integer"),
                SourceFieldKind.Long => ReadInteger(ref reader, slot, entry, long.MinValue, long.MaxValue, "a long integer"),
                SourceFieldKind.Float => ReadFloat(ref reader, slot, entry),
                SourceFieldKind.Date => ReadDate(ref reader, slot, entry),
                SourceFieldKind.Tags => ReadTags(ref reader, answer, entry, cache),
                SourceFieldKind.RawObject => ReadRawObject(ref reader, answer, slot, entry, cache),
                SourceFieldKind.Boolean => ReadBoolean(ref reader, entry),
                _ => null,
            };
            if (problem is not null)
            {
                entry.Reason = $"field '{TraceSourceFields.Names[slot]}' holds {Describe(ref reader)}, not {problem}";
                reader.Skip();
            }
        }
    }

    // Each ReadX returns null when the value was read, else what the field expects (for the reason).

    static string? ReadString(ref Utf8JsonReader reader, int slot, TraceEntryBuilder entry, KeywordCache? cache)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.ValueIsEscaped:
                var text = TryGetString(ref reader);
                if (text is null)
                    return "valid text (an escape is not a character)";
                entry.SetString(slot, text);
                return null;
            // Elasticsearch indexes a number or a boolean given to a keyword or text field as its text.
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                entry.SetString(slot, cache is null ? JsonText.Decode(reader.ValueSpan) : cache.Get(slot, reader.ValueSpan));
                return null;
            default:
                return "a string";
        }
    }

    static string? ReadInteger(ref Utf8JsonReader reader, int slot, TraceEntryBuilder entry, long min, long max, string expected)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String) || reader.ValueIsEscaped)
            return expected;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= min && value <= max)
        {
            entry.SetInteger(slot, value);
            return null;
        }
        if (!SourceNumbers.TryParseInteger(reader.ValueSpan, min, max, out value))
            return expected;
        entry.SetInteger(slot, value);
        return null;
    }

    static string? ReadFloat(ref Utf8JsonReader reader, int slot, TraceEntryBuilder entry)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String) || reader.ValueIsEscaped
            || !SourceNumbers.TryParseFloat(reader.ValueSpan, out var value))
            return "a number";
        entry.SetFloat(slot, value);
        return null;
    }

    static string? ReadDate(ref Utf8JsonReader reader, int slot, TraceEntryBuilder entry)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped)
            return "a date";
        var raw = reader.ValueSpan;
        if (!TraceDates.TryParse(raw, out var date))
            return "a date";
        entry.SetDate(slot, date);
        if (slot == (int)TraceField.Datetime)
            entry.SetString(slot, JsonText.Decode(raw));
        return null;
    }

    static string? ReadBoolean(ref Utf8JsonReader reader, TraceEntryBuilder entry)
    {
        bool? value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            // Elasticsearch's boolean field takes "true" and "false" as strings too.
            JsonTokenType.String when reader.ValueSpan.SequenceEqual("true"u8) => true,
            JsonTokenType.String when reader.ValueSpan.SequenceEqual("false"u8) => false,
            _ => null,
        };
        if (value is null)
            return "a boolean";
        entry.ErrorFlag = value;
        return null;
    }

    static string? ReadRawObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, int slot, TraceEntryBuilder entry, KeywordCache cache)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return "an object";
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        entry.SetString(slot, cache.Get(slot, answer[start..(int)reader.BytesConsumed]));
        return null;
    }

    static string? ReadTags(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, TraceEntryBuilder entry, KeywordCache cache)
    {
        var tagsSlot = (int)TraceField.Tags;
        if (reader.TokenType == JsonTokenType.String)
        {
            var tag = reader.ValueIsEscaped ? TryGetString(ref reader) : cache.Get(tagsSlot, reader.ValueSpan);
            if (tag is null)
                return "valid text (an escape is not a character)";
            entry.Tags = new ReadOnlyCollection<string>([tag]);
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
            return "an array of strings";

        var start = (int)reader.TokenStartIndex;
        var probe = reader;
        probe.Skip();
        var json = answer[start..(int)probe.BytesConsumed];
        if (cache.LastTags(json) is { } same)
        {
            reader = probe;
            entry.Tags = same;
            return null;
        }

        var tags = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    continue;
                case JsonTokenType.String when reader.ValueIsEscaped && TryGetString(ref reader) is { } text:
                    tags.Add(text);
                    continue;
                case JsonTokenType.String when !reader.ValueIsEscaped:
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    tags.Add(JsonText.Decode(reader.ValueSpan));
                    continue;
                default:
                    // The element is named here and the whole array left behind, so the caller sees the source go on.
                    entry.Reason = $"field 'tags' holds an array with {Describe(ref reader)}, not only strings";
                    reader = probe;
                    return null;
            }
        }
        IReadOnlyList<string> read = tags.Count == 0 ? [] : new ReadOnlyCollection<string>([.. tags]);
        cache.KeepTags(json, read);
        entry.Tags = read;
        return null;
    }

    /// <summary>The string of an escaped value, or null when its escapes make no valid text (a lone surrogate).</summary>
    static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.ValueSpan.Length];
        try
        {
            return buffer.AsSpan(0, reader.CopyString(buffer));
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>What the value is, for a reason: its kind, and a short excerpt of a string or number.</summary>
    static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{JsonText.Excerpt(reader.ValueSpan, MaxQuotedBytes)}\"",
        JsonTokenType.Number => $"the number {JsonText.Excerpt(reader.ValueSpan, MaxQuotedBytes)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };
}
