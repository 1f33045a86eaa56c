namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Elasticsearch's simple wildcard match: <c>*</c> matches any run of characters, nothing else is special.</summary>
internal static class Wildcard
{
    public static bool IsPattern(string text) => text.Contains('*');

    public static bool Matches(string pattern, string text) => Matches(pattern.AsSpan(), text.AsSpan());

    /// <summary>
    /// Whether some name matches both patterns, as Elasticsearch decides when two index templates would compete
    /// for one index (the intersection of the patterns' automatons is not empty).
    /// </summary>
    public static bool Overlaps(string first, string second)
    {
        var seen = new Dictionary<(int, int), bool>();
        return Overlap(first, second, 0, 0, seen);
    }

    private static bool Overlap(string a, string b, int i, int j, Dictionary<(int, int), bool> seen)
    {
        if (seen.TryGetValue((i, j), out var known))
        {
            return known;
        }

        bool result;
        if (i == a.Length && j == b.Length)
        {
            result = true;
        }
        else if (i < a.Length && a[i] == '*')
        {
            // The star matches nothing, or swallows the other side's next character (or its star's output).
            result = Overlap(a, b, i + 1, j, seen) || (j < b.Length && Overlap(a, b, i, j + 1, seen));
        }
        else if (j < b.Length && b[j] == '*')
        {
            result = Overlap(a, b, i, j + 1, seen) || (i < a.Length && Overlap(a, b, i + 1, j, seen));
        }
        else
        {
            result = i < a.Length && j < b.Length && a[i] == b[j] && Overlap(a, b, i + 1, j + 1, seen);
        }

        seen[(i, j)] = result;
        return result;
    }

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
