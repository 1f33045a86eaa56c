namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// A request relative to a node's base URL, e.g. <c>POST _bulk?filter_path=...</c>; <see cref="Documents"/> counts
/// the trace documents it carries, for the retry counter.
/// </summary>
sealed record TransportRequest(HttpMethod Method, string PathAndQuery, ReadOnlyMemory<byte> Body = default, string? ContentType = null, int Documents = 0);
