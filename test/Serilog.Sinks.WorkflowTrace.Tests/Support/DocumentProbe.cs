using System.Buffers;
using System.Text.Json;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// A logger whose events go through the sink's capture step (on the logging thread, as in production) and are
/// then written as trace documents, parsed back for assertions. No network involved.
/// </summary>
sealed class DocumentProbe : IDisposable
{
    readonly ListSink _envelopes = new();
    readonly TraceDocumentWriter _writer;
    readonly Logger _logger;

    DocumentProbe(WorkflowTraceSettings settings, HostFacts host, Action<LoggerConfiguration>? configureLogger)
    {
        _writer = new TraceDocumentWriter(settings, host);
        var capture = new CallSiteCaptureSink(_envelopes, new DeliveryLedger(), settings.QueueLimit);
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

    /// <summary>What the capture step handed on, in logging order (each envelope read once, as the batching loop does).</summary>
    public IReadOnlyList<CapturedEvent> Captured
    {
        get
        {
            var envelopes = _envelopes.Events;
            if (envelopes.Count > _read)
            {
                if (envelopes.Skip(_read).Any(e => CaptureBlock.From(e) is null))
                    throw new InvalidOperationException("not an envelope");
                _captured.AddRange(EnvelopeReader.TakeAll(envelopes.Skip(_read)));
                _read = envelopes.Count;
            }
            return _captured;
        }
    }

    int _read;

    /// <summary>The envelopes exactly as the batching sink would receive them.</summary>
    public IReadOnlyList<Serilog.Events.LogEvent> Envelopes => _envelopes.Events;

    public DateTime CreatedAt { get; } = new(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    public IReadOnlyList<JsonElement> Documents()
    {
        _writer.BeginBatch();
        var result = new List<JsonElement>();
        foreach (var captured in Captured)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
                _writer.Write(json, captured, CreatedAt);
            result.Add(JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone());
        }
        return result;
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
