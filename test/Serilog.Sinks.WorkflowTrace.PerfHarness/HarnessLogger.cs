namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>The logger a measured run writes through, by <see cref="HarnessOptions.Sink"/> and <see cref="HarnessOptions.Buffer"/>.</summary>
static class HarnessLogger
{
    /// <summary>The buffer setting of a durable run at the sink's defaults: ours with <c>bufferPath</c> (flushed every 2 s), Seq with <c>bufferBaseFilename</c>.</summary>
    public const string Durable = "durable";

    /// <summary>The buffer setting of a run through our sink with <c>bufferFlushInterval: TimeSpan.Zero</c> (each call returns once fsynced).</summary>
    public const string WriteThrough = "write-through";

    /// <param name="options">The run's options.</param>
    /// <param name="bufferDirectory">A fresh empty directory for a durable run; null for a run in memory.</param>
    public static Core.Logger Create(HarnessOptions options, string? bufferDirectory) => options.Sink switch
    {
        "ours" => new LoggerConfiguration().WriteTo.WorkflowTrace(
            hosts: options.Url,
            bufferSize: options.Batch ?? Configuration.WorkflowTraceDefaults.BufferSize,
            // Room for every event of the run; at least one batch, which the sink requires (a short run's queue).
            queueLimit: Math.Max(options.Events, options.Batch ?? Configuration.WorkflowTraceDefaults.BufferSize),
            // The sink's defaults unless the matrix asks otherwise (WorkflowTraceDefaults).
            compressRequests: options.Gzip ?? Configuration.WorkflowTraceDefaults.CompressRequests,
            bufferPath: bufferDirectory,
            bufferFlushInterval: options.Buffer == WriteThrough ? TimeSpan.Zero : null).CreateLogger(),
        // Seq's durable mode keeps its defaults (a file shipped every 2 s); queueSizeLimit has no effect on it.
        "seq" => new LoggerConfiguration().WriteTo.Seq(
            options.Url,
            batchPostingLimit: options.Batch ?? 1000,
            bufferBaseFilename: bufferDirectory is null ? null : Path.Combine(bufferDirectory, "seq-buffer"),
            queueSizeLimit: options.Events).CreateLogger(),
        "none" => new LoggerConfiguration().WriteTo.Sink(new DiscardingSink()).CreateLogger(),
        _ => throw new ArgumentException($"unknown sink '{options.Sink}'"),
    };
}
