using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Buffering;
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
        var configuration = new LoggerConfiguration().WriteTo.WorkflowTrace(OptionsWith(configure));
        return (around?.Invoke(configuration) ?? configuration).CreateLogger();
    }

    /// <summary>The same, with the sink's failures told to <paramref name="listener"/> (Serilog's <c>WriteTo.Fallible</c>).</summary>
    protected Serilog.Core.Logger DurableLogger(ILoggingFailureListener listener, Action<WorkflowTraceSinkOptions>? configure = null) =>
        new LoggerConfiguration().WriteTo.Fallible(wt => wt.WorkflowTrace(OptionsWith(configure)), listener).CreateLogger();

    WorkflowTraceSinkOptions OptionsWith(Action<WorkflowTraceSinkOptions>? configure)
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
        return options;
    }

    /// <summary>The numbers of the numbered events stored in <see cref="Index"/>, one per document.</summary>
    protected IReadOnlyList<int> StoredNumbers() =>
        NumberedEvents.Stored(Server.Documents.Where(d => d.Index.StartsWith(Index, StringComparison.Ordinal)));

    /// <summary>The buffer's segment files.</summary>
    protected string[] Segments() =>
        Directory.Exists(BufferPath) ? Directory.GetFiles(BufferPath, "buffer-*.clef").Select(f => Path.GetFileName(f)).Order().ToArray() : [];

    /// <summary>
    /// Opens a sink on the path that logs nothing, waits until it has shipped everything earlier sinks left (its
    /// status counts nothing buffered), and closes it: closing alone would stop at <c>shutdownTimeout</c>.
    /// </summary>
    private protected async Task ShipWhatIsLeft(RecordingFailureListener listener)
    {
        await using var logger = DurableLogger(listener);
        await Eventually.WaitFor(() => WorkflowTraceMonitoring.GetStatus().FirstOrDefault(s => s.IndexName == Index) is { BufferedEvents: 0 },
            "a sink ships everything left on the path", TimeSpan.FromSeconds(60));
    }

    /// <summary>The numbers stored more than once, each once.</summary>
    protected IReadOnlyList<int> Doubled() => StoredNumbers().GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    /// <summary>Whole lines after the bookmark: what a sink opened on the path now would ship. Only while no sink holds it.</summary>
    protected long LeftOnDisk()
    {
        if (!Directory.Exists(BufferPath))
            return 0;
        using var directory = BufferDirectory.Open(BufferPath);
        return new BufferReader(directory, () => -1, _ => { }).CountRemaining();
    }

    /// <summary>Whole lines in the segment files, shipped or not (the bookmark aside).</summary>
    protected long LinesInSegments() =>
        Directory.Exists(BufferPath)
            ? Directory.GetFiles(BufferPath, "buffer-*.clef").Sum(f => (long)File.ReadAllBytes(f).Count(b => b == (byte)'\n'))
            : 0;

    /// <summary>How many times each document id was sent to <see cref="Index"/> in a bulk request.</summary>
    protected IReadOnlyDictionary<string, int> TimesSent() =>
        BulkRequests.Of(Server).SelectMany(BulkRequests.Ids).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The events a failure listener was given as not delivered (<c>Permanent</c> or <c>Final</c>), by number.</summary>
    private protected static IReadOnlyList<int> Reported(RecordingFailureListener listener) =>
        NumberedEvents.Of(listener.Failures.Where(f => f.Kind is LoggingFailureKind.Permanent or LoggingFailureKind.Final).SelectMany(f => f.Events));
}
