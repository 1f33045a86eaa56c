using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// An exception read back from a CLEF line's <c>@x</c> (a file given to <c>workflow-trace replay</c>, or the durable buffer): Serilog needs an <see cref="Exception"/>, and the trace
/// document must show the original, not this stand-in. The sink's document writer takes <c>exception_type</c> from
/// <see cref="IRecordedException.TypeName"/>, <c>exception_message</c> from <see cref="Exception.Message"/> and
/// <c>stack_trace</c> from <see cref="ToString"/>: here the original's type name, message and full text.
/// </summary>
sealed class RecordedException(string typeName, string message, string fullText) : Exception(message), IRecordedException
{
    public string TypeName { get; } = typeName;

    /// <summary>The original's full text, as the CLEF file holds it.</summary>
    public override string ToString() => fullText;

    /// <summary>
    /// Reads an exception's text as .NET (<c>Type: message</c> then frames) or Python (<c>Traceback ...</c> then
    /// <c>Type: message</c> last) writes it. <paramref name="type"/> and <paramref name="messageText"/>, when the
    /// file recorded them as properties (an <c>export --format clef</c>), win over what the text says.
    /// </summary>
    public static RecordedException FromText(string fullText, string? type, string? messageText)
    {
        var (parsedType, parsedMessage) = Parse(fullText);
        return new RecordedException(type ?? parsedType, messageText ?? parsedMessage, fullText);
    }

    static (string Type, string Message) Parse(string text)
    {
        var lines = text.Split('\n');
        var headline = lines[0].TrimEnd('\r');
        if (headline.StartsWith("Traceback (most recent call last)", StringComparison.Ordinal))
        {
            var last = lines.Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.Length > 0 && !char.IsWhiteSpace(l[0])) ?? headline;
            return Split(last);
        }

        // .NET: "Type: message" up to the inner exception or the first frame; a message may span lines.
        var end = text.Length;
        foreach (var marker in new[] { " ---> ", "\n   at ", "\r\n   at ", "\n   --- End of" })
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && at < end)
                end = at;
        }

        return Split(text[..end].TrimEnd('\r', '\n'));
    }

    static (string Type, string Message) Split(string headline)
    {
        var colon = headline.IndexOf(": ", StringComparison.Ordinal);
        var candidate = colon > 0 ? headline[..colon] : headline.Trim();
        if (candidate.Length > 0 && !candidate.Any(char.IsWhiteSpace))
            return (candidate, colon > 0 ? headline[(colon + 2)..] : "");
        return ("Exception", headline);
    }
}
