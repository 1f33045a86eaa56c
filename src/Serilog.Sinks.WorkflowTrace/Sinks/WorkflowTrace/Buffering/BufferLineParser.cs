using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>Checks that a line is exactly one JSON object carrying a string <c>@wt_id</c>, and takes that id.</summary>
static class BufferLineParser
{
    static readonly byte[] IdName = Encoding.UTF8.GetBytes(BufferLineFormatter.IdField);

    static readonly byte[] IdPrefix = Encoding.UTF8.GetBytes("{\"" + BufferLineFormatter.IdField + "\":\"");

    /// <summary>
    /// The line's document id, or null when the line is not one JSON object with an id. A line as the sink writes it
    /// starts with the id, which is read without parsing the rest (whoever reads the rest checks it); any other line
    /// is checked whole.
    /// </summary>
    public static string? TryReadId(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith(IdPrefix) && line.Length > IdPrefix.Length && line[^1] == (byte)'}')
        {
            var rest = line[IdPrefix.Length..];
            var end = rest.IndexOfAny((byte)'"', (byte)'\\');
            if (end > 0 && rest[end] == (byte)'"' && rest.Length > end + 1 && rest[end + 1] is (byte)',' or (byte)'}')
                return Encoding.UTF8.GetString(rest[..end]);
        }
        return ReadIdOfWholeObject(line);
    }

    static string? ReadIdOfWholeObject(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            string? id = null;
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(IdName))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                        return null;
                    id = reader.GetString();
                }
                else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    // Nothing may follow the object but the end of the line.
                    return reader.Read() ? null : id;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
