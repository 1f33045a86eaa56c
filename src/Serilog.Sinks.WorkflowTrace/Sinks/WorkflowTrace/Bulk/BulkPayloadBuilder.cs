using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Builds the NDJSON body of a <c>_bulk</c> request: per event a <c>create</c> action line naming the index and
/// the event's fixed document id, then the document, each on one line, the body ending with a newline. The
/// action is <c>create</c> so that a resend of a document that did arrive is answered 409 (already there) rather
/// than writing it twice. Used from the batch thread only.
/// </summary>
sealed class BulkPayloadBuilder : IDisposable
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed escaping keeps non-ASCII text as UTF-8 (smaller, faster) and still escapes what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        // The document writer's output is checked by the tests (every line parsed); checking each write again
        // at run time costs a tenth of the document's time.
        SkipValidation = true,
    };

    readonly PooledBufferWriter _buffer = new();
    readonly Utf8JsonWriter _json;
    readonly ITraceDocumentWriter _documents;
    readonly DocumentIdFactory _ids;
    readonly IndexNameFormat _index;
    readonly Dictionary<string, byte[]> _actionPrefixes = new(StringComparer.Ordinal);
    static readonly byte[] ActionSuffix = "\"}}\n"u8.ToArray();

    public BulkPayloadBuilder(IndexNameFormat index, ITraceDocumentWriter documents, DocumentIdFactory ids, int maxDocumentBytes = int.MaxValue)
    {
        MaxDocumentBytes = maxDocumentBytes;
        _index = index;
        _documents = documents;
        _ids = ids;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>The action line up to the id, per index: a time-based name makes a few of them, a fixed one one.</summary>
    byte[] ActionPrefix(string indexName)
    {
        if (_actionPrefixes.TryGetValue(indexName, out var prefix))
            return prefix;
        if (_actionPrefixes.Count > 1024)
            _actionPrefixes.Clear();
        var encoded = JsonEncodedText.Encode(indexName, WriterOptions.Encoder);
        return _actionPrefixes[indexName] = Encoding.UTF8.GetBytes($"{{\"create\":{{\"_index\":\"{encoded}\",\"_id\":\"");
    }

    public int Count { get; private set; }

    /// <summary>A document longer than this (its line, in bytes) is truncated to fit.</summary>
    public int MaxDocumentBytes { get; }

    /// <summary>Bytes written so far: the body's length.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>Whether the last successful <see cref="TryAppend"/> had to truncate the document (to the size limit, or a keyword value to Lucene's term limit).</summary>
    public bool LastAppendTruncated { get; private set; }

    /// <summary>Takes back what was appended after <paramref name="length"/> (a document that goes in the next request).</summary>
    public void RemoveAfter(int length, int documents)
    {
        _buffer.Truncate(length);
        Count -= documents;
    }

    public ReadOnlyMemory<byte> Body => _buffer.WrittenMemory;

    public void Reset()
    {
        _buffer.Clear();
        Count = 0;
        _documents.BeginBatch();
    }

    /// <summary>
    /// Appends one event. When the document cannot be written, nothing of it stays in the body and the reason is
    /// returned; the caller reports the event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Exception? TryAppend(CapturedEvent captured, DateTime createdAtUtc)
    {
        var mark = _buffer.WrittenCount;
        try
        {
            _buffer.Write(ActionPrefix(_index.IndexFor(captured.Timestamp)));
            var length = _ids.Write(captured, _buffer.GetSpan(Math.Max(DocumentIdFactory.MaxLength, captured.DocumentId?.Length ?? 0)));
            _buffer.Advance(length);
            _buffer.Write(ActionSuffix);

            var documentStart = _buffer.WrittenCount;
            var limit = Math.Min(MaxDocumentBytes, captured.TruncateTo ?? int.MaxValue);
            _documents.LimitDocument(limit);
            LastAppendTruncated = false;
            if (!_documents.TryWriteLikeLast(_buffer, captured, createdAtUtc))
                WriteToFit(captured, createdAtUtc, documentStart, limit);
            var documentLength = _buffer.WrittenCount - documentStart;
            // Only a document longer than Lucene's term limit can hold a keyword value over it: one comparison for the rest.
            var longKeyword = documentLength > KeywordLimit.MaxTermBytes && KeywordLimit.Exceeded(_buffer.WrittenSpan[documentStart..]);
            if (longKeyword || captured.DegradedReason is not null || documentLength > limit)
                Reshape(captured, documentStart, longKeyword);
            _buffer.Write((byte)'\n');
            Count++;
            return null;
        }
        catch (Exception ex)
        {
            _json.Reset(_buffer);
            _buffer.Truncate(mark);
            // Reported with the event: an exception of the application's may throw from Message and ToString, so the
            // report carries what could be read of it, never the exception itself.
            return new DocumentWriteException(Unreadable.Describe(ex), Unreadable.FullTextOf(ex));
        }
    }

    /// <summary>Most writes of one document: each cuts its long texts deeper, after the first few no write is expected.</summary>
    const int MaxWrites = 4;

    /// <summary>
    /// Writes the document; when it comes out over <paramref name="limit"/> and cutting its long texts deeper can
    /// make it fit, writes it again (the writer measured the texts; nothing is parsed). A document made large by many
    /// short values is left to <see cref="Reshape"/>.
    /// </summary>
    void WriteToFit(CapturedEvent captured, DateTime createdAtUtc, int documentStart, int limit)
    {
        for (var write = 1; ; write++)
        {
            _json.Reset(_buffer);
            _documents.Write(_json, captured, createdAtUtc);
            _json.Flush();
            var length = _buffer.WrittenCount - documentStart;
            if (length <= limit || write == MaxWrites || !_documents.TryShrink(length))
                break;
            _buffer.Truncate(documentStart);
        }
        _documents.Written(captured, _buffer.WrittenSpan[documentStart..]);
        LastAppendTruncated = _documents.TextsCut;
    }

    /// <summary>
    /// The rare path: the document just written is replaced by its form with keyword values cut to Lucene's term
    /// limit, then degraded and/or truncated to the size limit.
    /// </summary>
    void Reshape(CapturedEvent captured, int documentStart, bool longKeyword)
    {
        var document = _buffer.WrittenSpan[documentStart..].ToArray();
        if (longKeyword)
        {
            document = KeywordLimit.Truncate(document);
            LastAppendTruncated = true;
        }
        if (captured.DegradedReason is { } reason)
            document = DocumentReshaper.Degrade(document, reason);
        var limit = Math.Min(MaxDocumentBytes, captured.TruncateTo ?? int.MaxValue);
        if (document.Length > limit)
        {
            document = DocumentReshaper.Truncate(document, limit);
            LastAppendTruncated = true;
        }

        _buffer.Truncate(documentStart);
        _buffer.Write(document);
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }
}
