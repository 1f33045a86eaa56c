using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One HTTP request as <see cref="FakeElasticsearch"/> received it.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The decoded path, e.g. <c>/logs/_bulk</c>.</param>
/// <param name="QueryString">The raw query string including its leading <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers, looked up case-insensitively; repeated headers are joined with <c>", "</c>.</param>
/// <param name="Body">The body after <c>Content-Encoding</c> (gzip, deflate) was decoded.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The decoded body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Bytes on the wire, before any decompression (the declared length when the body was refused unread).</summary>
    public long WireBodyLength { get; init; }

    /// <summary>The base address of the node that received it (see <see cref="FakeElasticsearch.Url"/>).</summary>
    public required Uri Node { get; init; }

    /// <summary>The value of a header, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
