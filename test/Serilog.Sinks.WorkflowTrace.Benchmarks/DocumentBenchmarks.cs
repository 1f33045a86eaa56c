using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Event → trace document: <see cref="TraceDocumentWriter.Write"/> of one captured event into a reused buffer,
/// with the default settings and this machine's <see cref="HostFacts"/>.
/// </summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    // The writer options BulkPayloadBuilder uses, so the document is encoded as it is in a real bulk body.
    static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    TraceDocumentWriter _writer = null!;
    CapturedEvent _captured = null!;
    ArrayBufferWriter<byte> _buffer = null!;
    Utf8JsonWriter _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new WorkflowTraceSettingsBuilder().Build();
        _writer = new TraceDocumentWriter(settings, HostFacts.Current);
        _writer.BeginBatch();
        _captured = BenchmarkEvents.Capture(1)[0];
        _buffer = new ArrayBufferWriter<byte>(4096);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);

        // Check once that what is measured is a complete document.
        WriteDocument();
        using var document = JsonDocument.Parse(_buffer.WrittenMemory);
        var root = document.RootElement;
        if (root.GetProperty("run_id").GetString() != "run-20300102-5f0c8e2a9b7d4c31" ||
            root.GetProperty("message").GetString() != "Processing 1 records for acme")
            throw new InvalidOperationException("The benchmark document is not the expected one: " + root.GetRawText());
    }

    [GlobalCleanup]
    public void Cleanup() => _json.Dispose();

    [Benchmark]
    public int WriteDocument()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _writer.Write(_json, _captured, BenchmarkEvents.CreatedAtUtc);
        _json.Flush();
        return _buffer.WrittenCount;
    }
}
