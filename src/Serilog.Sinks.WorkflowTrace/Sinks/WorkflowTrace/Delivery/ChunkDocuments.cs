using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Delivery;

/// <summary>The documents of one request across item retries: the chunk first, then what is left to resend.</summary>
sealed class ChunkDocuments(List<CapturedEvent> chunk)
{
    public List<CapturedEvent> Chunk { get; } = chunk;

    public List<CapturedEvent>? Holder { get; set; }
}
