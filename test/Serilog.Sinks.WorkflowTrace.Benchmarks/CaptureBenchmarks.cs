using BenchmarkDotNet.Attributes;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// The logging thread's cost: one full <c>Logger.Information(...)</c> call (template lookup, property capture,
/// the 8 context properties, dispatch). The baseline logger has only a no-op sink; the other has only
/// <see cref="CallSiteCaptureSink"/> filling the sink's queue, emptied every 4,096 events as the delivery loop would,
/// so the difference is the sink's share on the caller.
/// </summary>
[MemoryDiagnoser]
public class CaptureBenchmarks
{
    Logger? _baselineRoot;
    Logger? _captureRoot;
    ILogger _baseline = null!;
    ILogger _capture = null!;
    FailureCounter _failures = null!;
    int _recordCount;
    CaptureQueue _queue = null!;
    readonly List<CapturedEvent> _drained = new(4096);

    [GlobalSetup]
    public void Setup()
    {
        _baselineRoot = BenchmarkEvents.CreateLogger(new NoOpSink());
        _baseline = BenchmarkEvents.WithWorkflowContext(_baselineRoot);

        // Nothing downstream settles the events, so the ledger's count of held events only grows. The queue limit
        // is therefore int.MaxValue: a realistic limit would be reached after that many calls and the benchmark would
        // then measure the rejection path. (Past int.MaxValue calls the counter wraps negative and still admits.)
        _failures = new FailureCounter();
        var ledger = new DeliveryLedger();
        ledger.SetFailureListener(_failures);
        _queue = new CaptureQueue();
        _captureRoot = BenchmarkEvents.CreateLogger(new CallSiteCaptureSink(_queue, ledger, int.MaxValue));
        _capture = BenchmarkEvents.WithWorkflowContext(_captureRoot);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _baselineRoot?.Dispose();
        _captureRoot?.Dispose();
        if (_failures.Count != 0)
            throw new InvalidOperationException($"The capture sink rejected {_failures.Count} event(s), so the figures are not those of the accepting path: {_failures.First}");
    }

    [Benchmark(Baseline = true)]
    public void LoggerWithNoOpSink() => BenchmarkEvents.Log(_baseline, ++_recordCount);

    [Benchmark]
    public void LoggerWithCaptureSink()
    {
        BenchmarkEvents.Log(_capture, ++_recordCount);
        if ((_recordCount & 4095) == 0)
        {
            _queue.Take(4096, _drained);
            foreach (var captured in _drained)
                captured.TryMarkDelivered();
            _queue.Recycle(_drained);
            _drained.Clear();
        }
    }
}
