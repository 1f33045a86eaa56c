using System.Buffers;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>Writes one captured event as a trace document; the bulk body is built around it.</summary>
interface ITraceDocumentWriter
{
    /// <summary>Called once before each batch.</summary>
    void BeginBatch();

    void Write(Utf8JsonWriter writer, CapturedEvent captured, DateTime createdAtUtc);

    /// <summary>
    /// Writes the document straight into <paramref name="output"/> from an earlier one of the same kind, when the
    /// writer keeps one; false, with nothing written, otherwise (and <see cref="Write"/> is called).
    /// </summary>
    bool TryWriteLikeLast(IBufferWriter<byte> output, CapturedEvent captured, DateTime createdAtUtc) => false;

    /// <summary>Sets the size limit, in bytes, of the next document written: its long texts are cut to fit it.</summary>
    void LimitDocument(int maxBytes)
    {
    }

    /// <summary>
    /// After <see cref="Write"/> made a document of <paramref name="documentBytes"/>, over its limit: whether a new
    /// <see cref="Write"/> of the same event will cut its long texts deeper; false when that cannot make it fit.
    /// </summary>
    bool TryShrink(int documentBytes) => false;

    /// <summary>Whether the last document written had texts cut to fit its limit (listed in <c>metadata.truncated_fields</c>).</summary>
    bool TextsCut => false;

    /// <summary>Called after <see cref="Write"/> with the document it wrote, once flushed.</summary>
    void Written(CapturedEvent captured, ReadOnlySpan<byte> document)
    {
    }
}
