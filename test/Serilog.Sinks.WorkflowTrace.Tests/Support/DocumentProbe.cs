using System.Buffers;
using System.Text.Json;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// A logger whose events go through the sink's capture step (on the logging thread, as in production) and are
/// then written as trace documents, parsed back for assertions. No network involved.
/// </summary>
sealed class DocumentProbe : IDisposable
{
    readonly CaptureQueue _queue = new();
    readonly TraceDocumentWriter _writer;
    readonly Logger _logger;

    DocumentProbe(WorkflowTraceSettings settings, HostFacts host, Action<LoggerConfiguration>? configureLogger)
    {
        _writer = new TraceDocumentWriter(settings, host);
        var capture = new CallSiteCaptureSink(_queue, new DeliveryLedger(), settings.QueueLimit);
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(capture);
        configureLogger?.Invoke(configuration);
        _logger = configuration.CreateLogger();
    }

    public static DocumentProbe Create(Action<WorkflowTraceSettingsBuilder>? configure = null, HostFacts? host = null, Action<LoggerConfiguration>? configureLogger = null)
    {
        var builder = new WorkflowTraceSettingsBuilder();
        configure?.Invoke(builder);
        return new DocumentProbe(builder.Build(), host ?? HostFacts.Current, configureLogger);
    }

    public ILogger Logger => _logger;

    public TraceDocumentWriter Writer => _writer;

    readonly List<CapturedEvent> _captured = [];

    /// <summary>What the capture step queued, in logging order (each event taken once, as the delivery loop does).</summary>
    public IReadOnlyList<CapturedEvent> Captured
    {
        get
        {
            _captured.AddRange(_queue.TakeAll());
            return _captured;
        }
    }

    public DateTime CreatedAt { get; } = new(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    public IReadOnlyList<JsonElement> Documents()
    {
        _writer.BeginBatch();
        var result = new List<JsonElement>();
        foreach (var captured in Captured)
        {
            // Written as the bulk body writes it: from the last document of its kind when there is one...
            var cached = new ArrayBufferWriter<byte>();
            var fromLast = _writer.TryWriteLikeLast(cached, captured, CreatedAt);

            // ...and in full, which every assertion sees, and which the cached form must equal byte for byte.
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, Serilog.Sinks.WorkflowTrace.Bulk.BulkPayloadBuilder.WriterOptions))
            {
                _writer.Write(json, captured, CreatedAt);
                json.Flush();
            }
            _writer.Written(captured, buffer.WrittenSpan);
            SameDocument(fromLast, cached, buffer, "written from the previous document of its kind");

            // Written again from its own document (recorded just now when it can be).
            var again = new ArrayBufferWriter<byte>();
            SameDocument(_writer.TryWriteLikeLast(again, captured, CreatedAt), again, buffer, "written again from its own document");

            result.Add(JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone());
        }
        return result;
    }

    /// <summary>How many documents <see cref="Documents"/> could write from a cached one (the cache is used at all).</summary>
    public int WrittenFromCache { get; private set; }

    void SameDocument(bool written, ArrayBufferWriter<byte> cached, ArrayBufferWriter<byte> full, string how)
    {
        if (!written)
        {
            if (cached.WrittenCount != 0)
                throw new InvalidOperationException($"A document not {how} left bytes behind.");
            return;
        }
        WrittenFromCache++;
        if (!cached.WrittenSpan.SequenceEqual(full.WrittenSpan))
            throw new InvalidOperationException(
                $"The document {how} differs from the one written in full:\n{System.Text.Encoding.UTF8.GetString(cached.WrittenSpan)}\n{System.Text.Encoding.UTF8.GetString(full.WrittenSpan)}");
    }

    public JsonElement Single() => Documents().Single();

    /// <summary>Logs one event with the given action and returns its document.</summary>
    public static JsonElement DocumentFor(Action<ILogger> log, Action<WorkflowTraceSettingsBuilder>? configure = null, HostFacts? host = null)
    {
        using var probe = Create(configure, host);
        log(probe.Logger);
        return probe.Single();
    }

    public void Dispose() => _logger.Dispose();
}
