using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The two limits the sink is measured against: building the trace document alone, and posting pre-built
/// 1,000-document bulk bodies to the loopback receiver one after another.
/// </summary>
static class Limits
{
    /// <summary>The scenario's events, captured as the sink keeps them, and a document writer for them.</summary>
    internal static (TraceDocumentWriter Writer, List<CapturedEvent> Events) Capture(int count)
    {
        var queue = new CaptureQueue();
        var settings = new WorkflowTraceSettingsBuilder().Build();
        using (var logger = new LoggerConfiguration().WriteTo.Sink(new CallSiteCaptureSink(queue, new DeliveryLedger(), int.MaxValue)).CreateLogger())
        {
            var context = Scenario.ContextLogger(logger);
            for (var i = 0; i < count; i++)
                Scenario.Log(context, i);
        }
        return (new TraceDocumentWriter(settings, HostFacts.Current), queue.TakeAll());
    }

    public static int Serialize(HarnessOptions options)
    {
        var (writer, events) = Capture(1000);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var now = DateTime.UtcNow;
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < options.Events; i++)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            writer.Write(json, events[i % events.Count], now);
            json.Flush();
            bytes += buffer.WrittenCount;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(new ClientResult(options.Name, options.Events, options.Events / seconds,
            seconds * 1_000_000 / options.Events, 0, Process.GetCurrentProcess().PeakWorkingSet64, bytes / (double)options.Events, options.Events).ToLine());
        return 0;
    }

    public static async Task<int> PostAsync(HarnessOptions options)
    {
        var (writer, events) = Capture(1000);
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse("workflow-traces"), writer, new DocumentIdFactory());
        builder.Reset();
        foreach (var captured in events)
            builder.TryAppend(captured, DateTime.UtcNow);
        var body = builder.Body.ToArray();

        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri(options.Url) };
        await http.PostAsync("reset", null);
        var requests = options.Events / events.Count;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync(BulkShipper.BulkPath, content);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var sent = (long)requests * events.Count;
        Console.WriteLine(new ClientResult(options.Name, sent, sent / seconds, 0, 0,
            Process.GetCurrentProcess().PeakWorkingSet64, body.Length / (double)events.Count, sent).ToLine());
        return 0;
    }
}
