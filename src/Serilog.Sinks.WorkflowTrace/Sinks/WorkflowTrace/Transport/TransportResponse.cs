namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>A server's answer: status, body and the node that gave it.</summary>
sealed record TransportResponse(int StatusCode, byte[] Body, string? ContentType, Uri Node)
{
    public bool IsSuccess => StatusPolicy.IsSuccess(StatusCode);

    public bool IsJson => ContentType is not null && ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bytes of the request body as sent (after compression), for the byte counter.</summary>
    public long RequestWireBytes { get; init; }
}
