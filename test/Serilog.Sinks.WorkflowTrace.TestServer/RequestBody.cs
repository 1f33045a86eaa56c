namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A request body after reading and decoding.</summary>
/// <param name="Decoded">The body after Content-Encoding was undone (empty when refused).</param>
/// <param name="WireLength">Bytes on the wire (the declared length when the body was refused unread).</param>
/// <param name="TooLarge">Over the configured maximum, before or after decoding.</param>
/// <param name="DecodeError">Why decompression failed, or null.</param>
internal sealed record RequestBody(byte[] Decoded, long WireLength, bool TooLarge, string? DecodeError);
