using BenchmarkDotNet.Attributes;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Document batch → bulk body: <see cref="BulkPayloadBuilder"/>'s <c>Reset</c> and one <c>TryAppend</c> per event
/// (action line, document id, document), for batches of <see cref="BatchSize"/> events. Every invocation builds
/// <see cref="EventsPerInvoke"/> events' worth of bodies (1000 / <see cref="BatchSize"/> batches), so the figures
/// are per event, with the per-batch <c>Reset</c> spread over the batch's events.
/// </summary>
[MemoryDiagnoser]
public class BulkBodyBenchmarks
{
    public const int EventsPerInvoke = 1000;

    CapturedEvent[] _events = null!;
    BulkPayloadBuilder _builder = null!;

    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (BatchSize <= 0 || EventsPerInvoke % BatchSize != 0)
            throw new InvalidOperationException($"BatchSize must divide {EventsPerInvoke}.");

        var settings = new WorkflowTraceSettingsBuilder().Build();
        _events = BenchmarkEvents.Capture(BatchSize);
        _builder = new BulkPayloadBuilder(settings.IndexFormat, new TraceDocumentWriter(settings, HostFacts.Current), new DocumentIdFactory());

        // Check once that every event makes it into the body: two lines per event.
        BuildBulkBody();
        var lines = _builder.Body.Span.Count((byte)'\n');
        if (_builder.Count != BatchSize || lines != 2 * BatchSize)
            throw new InvalidOperationException($"Expected {BatchSize} events in {2 * BatchSize} lines, got {_builder.Count} in {lines}.");
    }

    [GlobalCleanup]
    public void Cleanup() => _builder.Dispose();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public int BuildBulkBody()
    {
        var bytes = 0;
        for (var batch = EventsPerInvoke / BatchSize; batch > 0; batch--)
        {
            _builder.Reset();
            foreach (var captured in _events)
            {
                if (_builder.TryAppend(captured, BenchmarkEvents.CreatedAtUtc) is { } error)
                    throw new InvalidOperationException("An event could not be appended to the bulk body.", error);
            }
            bytes += _builder.Body.Length;
        }
        return bytes;
    }
}
