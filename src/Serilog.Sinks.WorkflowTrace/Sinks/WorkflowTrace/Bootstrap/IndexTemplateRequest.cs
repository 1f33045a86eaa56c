namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>A template ready to install: where to <c>PUT</c> it, the body, and the hash of its content.</summary>
sealed record IndexTemplateRequest(string Path, byte[] Body, string ContentHash, bool IsLegacy);
