using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Lucene's limit on one indexed term: a <c>keyword</c> value is indexed whole, and one whose UTF-8 encoding is
/// longer than 32,766 bytes makes Lucene refuse the document (unless <c>ignore_above</c> keeps the value out of the
/// index). Elasticsearch passes Lucene's message on as the item's <c>illegal_argument_exception</c>. Text fields are
/// analysed into short tokens (the standard tokenizer cuts at 255 characters) and never hit the limit.
/// </summary>
internal static class ImmenseTerms
{
    /// <summary>Lucene's <c>IndexWriter.MAX_TERM_LENGTH</c>.</summary>
    public const int MaxTermBytes = 32766;

    private const int PrefixBytes = 30;

    /// <summary>The error Elasticsearch gives for <paramref name="value"/> in <paramref name="path"/>, or null when it is indexed.</summary>
    public static EsError? Rejection(FieldMapping field, string path, string value)
    {
        // Only a plain keyword is one term per value; ignore_above counts characters (UTF-16 units, as Java does).
        if (field.Type != FieldType.Keyword || field.TypeName != "keyword" || value.Length > field.IgnoreAbove)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length <= MaxTermBytes)
        {
            return null;
        }

        // Java prints the prefix with Arrays.toString(byte[]): signed bytes.
        var prefix = string.Join(", ", bytes.Take(PrefixBytes).Select(b => ((sbyte)b).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var original = $"bytes can be at most {MaxTermBytes} in length; got {bytes.Length}";
        return new EsError(400, "illegal_argument_exception",
            $"Document contains at least one immense term in field=\"{path}\" (whose UTF8 encoding is longer than the max length {MaxTermBytes}), " +
            $"all of which were skipped.  Please correct the analyzer to not produce such terms.  The prefix of the first immense term is: '[{prefix}]...', " +
            $"original message: {original}")
        {
            FromElasticsearch = false,
            CausedBy = EsErrors.Cause("max_bytes_length_exceeded_exception", original),
        };
    }
}
