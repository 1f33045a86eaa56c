using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>A fresh loopback Elasticsearch and a fresh buffer directory for every test of the sink with <c>bufferPath</c>.</summary>
public abstract class DurableBufferTest : LoopbackServerTest
{
    protected string BufferPath { get; private set; } = "";

    protected string Index { get; private set; } = "";

    [SetUp]
    public void CreateBufferDirectory()
    {
        BufferPath = Path.Combine(Path.GetTempPath(), "wt-durable-" + Guid.NewGuid().ToString("N"));
        Index = "durable-" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public void DeleteBufferDirectory()
    {
        if (Directory.Exists(BufferPath))
            Directory.Delete(BufferPath, recursive: true);
    }

    /// <summary>A sink with the buffer on <see cref="BufferPath"/>, writing to <see cref="Index"/> on the loopback server.</summary>
    protected Serilog.Core.Logger DurableLogger(Action<WorkflowTraceSinkOptions>? configure = null, Func<LoggerConfiguration, LoggerConfiguration>? around = null)
    {
        var options = new WorkflowTraceSinkOptions
        {
            Hosts = Server.Url.ToString(),
            IndexName = Index,
            BufferPath = BufferPath,
            BufferSize = 100,
            FlushInterval = TimeSpan.FromMilliseconds(100),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        var configuration = new LoggerConfiguration().WriteTo.WorkflowTrace(options);
        return (around?.Invoke(configuration) ?? configuration).CreateLogger();
    }

    /// <summary>The numbers of the numbered events stored in <see cref="Index"/>, one per document.</summary>
    protected IReadOnlyList<int> StoredNumbers() =>
        NumberedEvents.Stored(Server.Documents.Where(d => d.Index.StartsWith(Index, StringComparison.Ordinal)));

    /// <summary>The buffer's segment files.</summary>
    protected string[] Segments() =>
        Directory.Exists(BufferPath) ? Directory.GetFiles(BufferPath, "buffer-*.clef").Select(f => Path.GetFileName(f)).Order().ToArray() : [];
}
