namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>Placeholder (to be written): keyword values over Lucene's term limit.</summary>
static class KeywordLimit
{
    public static bool Exceeded(ReadOnlySpan<byte> document) => false;

    public static byte[] Truncate(ReadOnlySpan<byte> document) => document.ToArray();
}
