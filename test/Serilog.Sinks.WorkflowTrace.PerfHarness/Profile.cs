using System.Buffers;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// A quick breakdown of the per-event costs (time and bytes) on one thread, for finding hot spots between
/// benchmark runs: <c>dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness -- profile</c>.
/// Set PROFILE_LOOP=1 to loop document writing alone (for a sampling profiler), PROFILE_ONLY to time only the
/// measurements whose name contains it (each alone in a fresh process: the first one timed runs colder code), and
/// PROFILE_N for the number of calls (default 300,000). The durable buffer's stages (<see cref="ProfileDurable"/>)
/// are timed after the document's.
/// </summary>
static class Profile
{
    static readonly int N = int.TryParse(Environment.GetEnvironmentVariable("PROFILE_N"), out var n) ? n : 300_000;

    public static int Run()
    {
        var (writer, events) = Limits.Capture(1000);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var now = DateTime.UtcNow;
        void Document(int i)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            writer.Write(json, events[i % events.Count], now);
            json.Flush();
        }

        if (Environment.GetEnvironmentVariable("PROFILE_LOOP") == "1")
        {
            for (var k = 0; k < 10; k++)
                Time("document", Document);
            return 0;
        }

        Time("document", Document);
        var renderer = new LiteralMessageRenderer();
        var text = new PooledCharWriter();
        var scratch = new CapturedProperty[32];
        Time("message", i => { text.Clear(); var e = events[i % events.Count]; renderer.Render(e.Template, e.Own, e.Shared, text); });

        ProfileDurable.Run(events, Time, captured =>
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            writer.Write(json, captured, now);
            json.Flush();
        });

        using (var plain = new LoggerConfiguration().WriteTo.Sink(new Nop()).CreateLogger())
        {
            var context = Scenario.ContextLogger(plain);
            Time("logging call, no-op sink (Serilog alone)", i => Scenario.Log(context, i));
        }
        var drained = new CaptureQueue();
        using (var captured = new LoggerConfiguration().WriteTo.Sink(new CallSiteCaptureSink(drained, new DeliveryLedger(), int.MaxValue)).CreateLogger())
        {
            // The queue is emptied every 4,096 events, as the delivery loop would, with the event objects reused.
            var context = Scenario.ContextLogger(captured);
            var batch = new List<CapturedEvent>(4096);
            Time("logging call, capture into the queue, drained", i =>
            {
                Scenario.Log(context, i);
                if ((i & 4095) == 4095)
                {
                    drained.Take(4096, batch);
                    foreach (var e in batch)
                        e.TryMarkDelivered();
                    drained.Recycle(batch);
                    batch.Clear();
                }
            });
        }
        using (var retained = new LoggerConfiguration().WriteTo.Sink(new CallSiteCaptureSink(new CaptureQueue(), new DeliveryLedger(), int.MaxValue)).CreateLogger())
        {
            // As in a burst the background cannot keep up with: every queued event survives until it is sent.
            var context = Scenario.ContextLogger(retained);
            Time("logging call, capture, every event kept (a backlog)", i => Scenario.Log(context, i));
        }
        using (var retained = new LoggerConfiguration().WriteTo.Sink(new Keep()).CreateLogger())
        {
            var context = Scenario.ContextLogger(retained);
            Time("logging call, Serilog's events kept (a backlog, as Seq's queue)", i => Scenario.Log(context, i));
        }
        return 0;
    }

    sealed class Keep : ILogEventSink
    {
        readonly List<LogEvent> _events = new(1 << 20);
        public void Emit(LogEvent logEvent) => _events.Add(logEvent);
    }

    static void Time(string name, Action<int> action)
    {
        if (Environment.GetEnvironmentVariable("PROFILE_ONLY") is { Length: > 0 } only && !name.Contains(only, StringComparison.Ordinal))
            return;
        for (var i = 0; i < 20_000; i++)
            action(i);
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < N; i++)
            action(i);
        var elapsed = watch.Elapsed;
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine($"{name}: {elapsed.TotalMilliseconds * 1000 / N:0.000} µs, {bytes / (double)N:0} B");
    }

    sealed class Nop : ILogEventSink
    {
        public void Emit(LogEvent logEvent) { }
    }
}
