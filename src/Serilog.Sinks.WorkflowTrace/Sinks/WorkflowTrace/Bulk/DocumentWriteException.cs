namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Why an event could not be written as a trace document, as read — safely — from what was thrown: reporting it can
/// never throw, whatever the original exception's members do.
/// </summary>
sealed class DocumentWriteException(string description, string details) : Exception(description)
{
    /// <summary>The original exception's full text (or what could be read of it).</summary>
    public string Details { get; } = details;

    public override string ToString() => $"{nameof(DocumentWriteException)}: {Message}{Environment.NewLine}{Details}";
}
