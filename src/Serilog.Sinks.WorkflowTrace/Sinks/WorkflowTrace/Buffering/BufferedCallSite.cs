using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// What only the logging call knew of an event, written with it to the durable buffer and read back for its trace
/// document: the calling thread's managed id and the parent span of the <see cref="Activity"/> current then.
/// </summary>
/// <param name="ThreadId">The managed thread id; 0 when the line does not say.</param>
/// <param name="ParentSpanId">The parent span; default when there was none.</param>
readonly record struct BufferedCallSite(int ThreadId, ActivitySpanId ParentSpanId);
