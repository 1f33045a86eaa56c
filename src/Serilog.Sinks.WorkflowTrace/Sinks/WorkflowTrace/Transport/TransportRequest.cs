namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// A request relative to a node's base URL, e.g. <c>POST _bulk?filter_path=...</c>; <see cref="Documents"/> counts
/// the trace documents it carries, for the retry counter; <see cref="MaxAnswerBytes"/>, when given, is the most a
/// successful answer may hold (a page of search hits), in place of the cap derived from the documents.
/// </summary>
sealed record TransportRequest(HttpMethod Method, string PathAndQuery, ReadOnlyMemory<byte> Body = default, string? ContentType = null, int Documents = 0, int? MaxAnswerBytes = null);
