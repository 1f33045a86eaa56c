namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Reads an answer's body with a size cap, so that a hostile or broken server (or a proxy's endless page) cannot
/// make the sink allocate without bound. A successful answer is read whole or refused: a bulk answer needs far less
/// than <see cref="SuccessCap"/> allows for its documents. A failure's body only explains the failure, so its first
/// <see cref="ErrorBodyBytes"/> are kept and the rest is never read.
/// </summary>
static class ResponseBodyReader
{
    /// <summary>Kept of a failure's body: Elasticsearch's error with its causes fits in a few kilobytes.</summary>
    public const int ErrorBodyBytes = 16 * 1024;

    /// <summary>Most bytes of a successful answer to a request without documents (bootstrap and info requests).</summary>
    public const int MaxPlainAnswerBytes = 4 * 1024 * 1024;

    /// <summary>Room per document of a bulk answer: an item is tens of bytes, or a reason of a few hundred.</summary>
    const int BytesPerDocument = 8 * 1024;

    const int MaxBulkAnswerBase = 1024 * 1024;

    const int FirstBufferBytes = 16 * 1024;

    /// <summary>The most bytes read of a successful answer to <paramref name="request"/>.</summary>
    public static int SuccessCap(TransportRequest request) =>
        request.MaxAnswerBytes is { } cap ? cap
        : request.Documents > 0 ? (int)Math.Min(Array.MaxLength, MaxBulkAnswerBase + (long)request.Documents * BytesPerDocument) : MaxPlainAnswerBytes;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> of <paramref name="content"/>; <c>Complete</c> is false
    /// when the body was longer (what was read is returned, the rest left unread).
    /// </summary>
    public static async Task<(byte[] Body, bool Complete)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        var buffer = new byte[(int)Math.Clamp(declared ?? FirstBufferBytes, 0, (long)maxBytes + 1)];
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (length <= maxBytes)
            {
                // The declared length is all the client lets through: no read past it is needed to see the end.
                if (declared == length)
                    break;
                if (length == buffer.Length)
                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 1024), (long)maxBytes + 1));
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                length += read;
            }
        }

        var complete = length <= maxBytes;
        var kept = Math.Min(length, maxBytes);
        return (kept == buffer.Length ? buffer : buffer.AsSpan(0, kept).ToArray(), complete);
    }
}
