using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>Writes one captured event as a trace document; the bulk body is built around it.</summary>
interface ITraceDocumentWriter
{
    /// <summary>Called once before each batch.</summary>
    void BeginBatch();

    void Write(Utf8JsonWriter writer, CapturedEvent captured, DateTime createdAtUtc);
}
