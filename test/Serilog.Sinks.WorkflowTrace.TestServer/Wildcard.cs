namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Elasticsearch's simple wildcard match: <c>*</c> matches any run of characters, nothing else is special.</summary>
internal static class Wildcard
{
    public static bool IsPattern(string text) => text.Contains('*');

    public static bool Matches(string pattern, string text) => Matches(pattern.AsSpan(), text.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.SequenceEqual(text);
        }

        if (!text.StartsWith(pattern[..star]))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        for (var i = star; i <= text.Length; i++)
        {
            if (Matches(rest, text[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
