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

    /// <summary>Called after <see cref="Write"/> with the document it wrote, once flushed.</summary>
    void Written(CapturedEvent captured, ReadOnlySpan<byte> document)
    {
    }
}
