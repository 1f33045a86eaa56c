namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// Thrown when a buffer directory is already owned by another sink in this process or by another process: two
/// writers on the same files would interleave and corrupt each other's lines, so the second one is refused.
/// </summary>
sealed class BufferDirectoryInUseException(string path, Exception inner)
    : IOException($"The buffer directory '{path}' is in use by another WorkflowTrace sink (in this or another process), " +
                  "which holds its lock file '.lock'. Give each sink its own bufferPath.", inner)
{
    /// <summary>The directory that was asked for.</summary>
    public string BufferPath { get; } = path;
}
