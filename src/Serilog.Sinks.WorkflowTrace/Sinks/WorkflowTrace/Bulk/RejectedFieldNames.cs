using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// The field names an Elasticsearch or OpenSearch rejection reason mentions, in every form they use:
/// <list type="bullet">
/// <item><c>failed to parse field [duration_ms] of type [float] in document with id '…'</c> (Elasticsearch 7/8,
/// OpenSearch), <c>failed to parse [duration_ms]</c> (Elasticsearch 6), <c>mapper [a.b] cannot be changed…</c>,
/// <c>object mapping for [a] tried to parse field [b]…</c>: names in square brackets;</item>
/// <item><c>Document contains at least one immense term in field="job_name" (whose UTF8 encoding is longer than the
/// max length 32766)…</c> (Lucene's message, passed on unchanged by both): a quoted name after <c>field=</c>.</item>
/// </list>
/// Not every bracketed text is a field name (a type, a value, the term's byte prefix); the caller matches the names
/// against the document, so such text does no harm.
/// </summary>
static partial class RejectedFieldNames
{
    [GeneratedRegex(@"\[([^\[\]]+)\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\bfield\s*[=:]?\s*(?:""([^""]+)""|'([^']+)')")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"immense term", RegexOptions.IgnoreCase)]
    private static partial Regex ImmenseTerm();

    /// <summary>The names <paramref name="reason"/> mentions, dotted paths as they are, in order of appearance.</summary>
    public static IEnumerable<string> In(string reason)
    {
        foreach (Match match in Quoted().Matches(reason))
            yield return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        foreach (Match match in Bracketed().Matches(reason))
            yield return match.Groups[1].Value;
    }

    /// <summary>Whether <paramref name="reason"/> is Lucene's refusal of a term over its length limit.</summary>
    public static bool IsImmenseTerm(string reason) => ImmenseTerm().IsMatch(reason);
}
