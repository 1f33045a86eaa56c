using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Where a field name sits in a request body, as Elasticsearch's parser reports it in front of its messages:
/// <c>[line:column]</c>, both counted from 1, the column in characters.
/// </summary>
internal static class JsonLocations
{
    /// <summary>The location of the name of the field at <paramref name="path"/> (object keys from the root), or <c>[1:1]</c>.</summary>
    public static string Of(byte[] body, params string[] path)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
        var names = new List<string>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var depth = reader.CurrentDepth;
                if (names.Count >= depth)
                {
                    names.RemoveRange(depth - 1, names.Count - depth + 1);
                }

                // Names inside arrays are not addressed by a path; pad so depths stay aligned.
                while (names.Count < depth - 1)
                {
                    names.Add(string.Empty);
                }

                names.Add(reader.GetString()!);
                if (names.SequenceEqual(path))
                {
                    return At(body, reader.TokenStartIndex);
                }
            }
        }
        catch (JsonException)
        {
            // Only well-formed bodies get this far.
        }

        return "[1:1]";
    }

    private static string At(byte[] body, long offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (body[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(body, lineStart, (int)offset - lineStart) + 1;
        return $"[{line}:{column}]";
    }
}
