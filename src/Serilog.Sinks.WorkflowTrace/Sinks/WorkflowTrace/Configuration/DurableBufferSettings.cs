namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>The validated settings of the durable buffer (<c>bufferPath</c> and the options that go with it).</summary>
/// <param name="Path">The directory, as a full path.</param>
/// <param name="SizeLimitBytes">The most bytes its files hold together.</param>
/// <param name="FlushInterval">How often lines are written and fsynced; zero for write-through.</param>
/// <param name="FullMode">What a full buffer does.</param>
sealed record DurableBufferSettings(string Path, long SizeLimitBytes, TimeSpan FlushInterval, WorkflowTraceBufferFullMode FullMode)
{
    /// <summary>Files roll at 16 MiB, or at a quarter of the size limit when that is smaller, so that dropping the oldest frees room.</summary>
    public long FileSizeBytes => Math.Max(1024, Math.Min(WorkflowTraceDefaults.BufferFileSizeBytes, SizeLimitBytes / 4));

    /// <summary>True when each logging call returns only once its event is fsynced.</summary>
    public bool WriteThrough => FlushInterval == TimeSpan.Zero;
}
