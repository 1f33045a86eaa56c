using Serilog;
using Serilog.Sinks.WorkflowTrace;

namespace ReadmeSnippets;

/// <summary>README.md, "Durable buffer": the sink with a buffer directory.</summary>
static class DurableBuffer
{
    public static void Configure()
    {
        Log.Logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions
            {
                Hosts = "http://localhost:9200",
                BufferPath = "/var/lib/myapp/trace-buffer",   // one directory per sink
                BufferSizeLimitBytes = 512L * 1024 * 1024,      // default 1 GiB
                BufferFlushInterval = TimeSpan.FromSeconds(1),  // TimeSpan.Zero: write-through
                BufferFullMode = WorkflowTraceBufferFullMode.DropOldest,
            })
            .CreateLogger();
    }
}
