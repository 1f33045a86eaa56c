namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads a search answer's hits straight from its UTF-8 bytes into typed entries, in one pass (no DOM), accepting
/// the Python producer's documents as well as this sink's; a hit that cannot be read is reported and skipped.
/// </summary>
static class SearchHitsReader
{
    public static SearchPage Read(ReadOnlySpan<byte> answer, Action<MalformedTraceDocument> malformed) =>
        throw new NotImplementedException("reader-entries");
}
