namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>The index template or lifecycle policy could not be put in place; the message says why and what to change.</summary>
sealed class BootstrapException : Exception
{
    public BootstrapException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status of the refusal, when the server refused (401, 403, ...); null when it was not reached.</summary>
    public int? StatusCode { get; init; }
}
