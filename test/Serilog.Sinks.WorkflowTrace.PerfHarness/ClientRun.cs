using System.Diagnostics;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// One measured run in its own process (so allocation and peak working set are this run's alone): N calls on T
/// threads, then CloseAndFlush, then waiting until the receiver has every event.
/// </summary>
static class ClientRun
{
    public static async Task<int> RunAsync(HarnessOptions options)
    {
        using var timeline = Environment.GetEnvironmentVariable("HARNESS_JIT_TIMELINE") == "1" ? new JitTimeline() : null;
        using var gcStats = Environment.GetEnvironmentVariable("HARNESS_GC_STATS") == "1" ? new GcStats() : null;
        using var http = new HttpClient { BaseAddress = new Uri(options.Url) };
        await http.PostAsync("reset", null);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();

        // A durable run's buffer: a fresh empty directory, sampled while the run goes, deleted at the end.
        using var buffer = options.Buffer is null ? null : new SampledBufferDirectory();
        var logger = HarnessLogger.Create(options, buffer?.Path);

        var context = Scenario.ContextLogger(logger);
        var perThread = options.Events / options.Threads;
        var loopTicks = new long[options.Threads];
        var loopCpu = new double[options.Threads];
        var threads = Enumerable.Range(0, options.Threads).Select(t => new Thread(() =>
        {
            var begin = Stopwatch.GetTimestamp();
            var cpu = ThreadCpu.Seconds();
            for (var i = 0; i < perThread; i++)
                Scenario.Log(context, i);
            loopCpu[t] = ThreadCpu.Seconds() - cpu;
            loopTicks[t] = Stopwatch.GetTimestamp() - begin;
        }) { Name = $"logging-{t}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var loopEnd = Stopwatch.GetElapsedTime(start);
        // What the loop left in the buffer before closing ships it: often the fullest the directory gets.
        buffer?.Sample();
        var pausedInLoop = GC.GetTotalPauseDuration();
        var deliveredInLoop = long.Parse((await http.GetStringAsync("stats")).Split(' ')[0]);

        await Log.CloseAndFlushAsync();
        logger.Dispose();

        var expected = (long)perThread * options.Threads;
        // The floor sends nothing: there is nothing to wait for, and no throughput to report.
        var floor = options.Sink == "none";
        var (delivered, wireBytes) = floor ? (expected, 0L) : await WaitForAsync(http, expected, TimeSpan.FromMinutes(5));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var processCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        buffer?.Sample();

        var result = new ClientResult(
            options.Name,
            expected,
            floor ? double.NaN : delivered / elapsed.TotalSeconds,
            loopTicks.Average(t => t * 1_000_000.0 / Stopwatch.Frequency) / perThread,
            allocated / (double)expected,
            Process.GetCurrentProcess().PeakWorkingSet64,
            floor ? double.NaN : delivered == 0 ? 0 : wireBytes / (double)delivered,
            delivered,
            loopCpu.Average() * 1_000_000 / perThread,
            processCpu.TotalMilliseconds * 1000 / expected,
            buffer is null ? double.NaN : buffer.PeakBytes / (double)expected,
            buffer is null ? double.NaN : buffer.WrittenBytes / (double)expected,
            // Events logged but not yet at the receiver when the loop ended: the backlog the peak working set holds.
            floor ? double.NaN : expected - deliveredInLoop);
        Console.WriteLine(result.ToLine());
        Console.Error.WriteLine($"loop ended at {loopEnd.TotalMilliseconds:0} ms with {deliveredInLoop:N0} delivered and {pausedInLoop.TotalMilliseconds:0} ms of GC pauses");
        Console.Error.WriteLine($"gc: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms of {elapsed.TotalMilliseconds:0} ms");
        if (Environment.GetEnvironmentVariable("HARNESS_THREADS") == "1")
            ThreadBreakdown.Print(Console.Error);
        gcStats?.Print(Console.Error);
        timeline?.Print(Console.Error, (Environment.GetEnvironmentVariable("HARNESS_JIT_WATCH") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
        return delivered == expected ? 0 : 2;
    }

    public static async Task<(long Events, long WireBytes)> WaitForAsync(HttpClient http, long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var stats = (await http.GetStringAsync("stats")).Split(' ');
            var events = long.Parse(stats[0]);
            if (events >= expected || Stopwatch.GetTimestamp() > deadline)
                return (events, long.Parse(stats[1]));
            await Task.Delay(5);
        }
    }
}
