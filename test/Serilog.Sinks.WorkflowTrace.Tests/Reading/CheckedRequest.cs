using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>One request the reader sent: the specification's endpoint it went to, and what its body's schema found wrong.</summary>
/// <param name="Request">The request as the loopback server received it.</param>
/// <param name="Endpoint">The specification's endpoint, or null for a request the reader sends without a body.</param>
/// <param name="Errors">The schema's findings (empty when valid or when there is no body).</param>
sealed record CheckedRequest(RecordedRequest Request, string? Endpoint, IReadOnlyList<string> Errors)
{
    public bool HasBody => Request.Body.Length > 0;

    public override string ToString() =>
        $"{Request.Method} {Request.Path}{Request.QueryString} -> {Endpoint ?? "(no request-body schema)"}" +
        (HasBody ? $"\n  body: {Request.BodyText}" : "") +
        (Errors.Count > 0 ? "\n  " + string.Join("\n  ", Errors) : "");
}
