using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// One steady-load run in its own process: <see cref="HarnessOptions.Threads"/> threads log the scenario's event at
/// <see cref="HarnessOptions.Rate"/> events/s between them for <see cref="HarnessOptions.DurationSeconds"/>, each call
/// timed with <see cref="Stopwatch.GetTimestamp"/> into a <see cref="LatencyHistogram"/> of the thread's own.
/// </summary>
/// <remarks>
/// Pacing: a thread's event i is due at start + i ÷ (its share of the rate). A thread with nothing due sleeps 1 ms
/// (Thread.Sleep(1), about 1.1 ms on Linux) rather than spinning, so the process CPU is the logging's and the sink's,
/// not the pacer's; it then makes every call due by now, which is at most the few events of that millisecond. A thread
/// more than 5 ms behind its schedule (a slow call, a GC pause, no core free) does not burst to catch up: the schedule
/// moves on and the missed events are not made up, which shows as an achieved rate under the rate asked for.
/// The first second runs at the same rate unmeasured (JIT, connections); the measured loop follows it.
/// </remarks>
static class SteadyClient
{
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    const double MaxBehindSeconds = 0.005;

    public static async Task<int> RunAsync(HarnessOptions options)
    {
        using var gcStats = Environment.GetEnvironmentVariable("HARNESS_GC_STATS") == "1" ? new GcStats() : null;
        using var http = new HttpClient { BaseAddress = new Uri(options.Url) };
        await http.PostAsync("reset", null);
        var bufferDirectory = options.Buffer is null ? null : Directory.CreateTempSubdirectory("harness-steady-").FullName;
        try
        {
            var logger = HarnessLogger.Create(options, bufferDirectory);
            var context = Scenario.ContextLogger(logger);
            var seconds = options.DurationSeconds;   // a probe's: SteadyMode passes the probe length here
            var perThreadRate = options.Rate / (double)options.Threads;
            var histograms = Enumerable.Range(0, options.Threads).Select(_ => new LatencyHistogram()).ToArray();
            var logged = new long[options.Threads];
            var measuredLogged = new long[options.Threads];

            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
            var end = measureFrom + (long)(seconds * Stopwatch.Frequency);
            var gate = new Barrier(options.Threads + 1);
            var threads = Enumerable.Range(0, options.Threads).Select(t => new Thread(() =>
            {
                gate.SignalAndWait();
                (logged[t], measuredLogged[t]) = Paced(context, perThreadRate, start, measureFrom, end, histograms[t]);
            }) { Name = $"logging-{t}" }).ToList();
            threads.ForEach(t => t.Start());
            gate.SignalAndWait();

            // The window measured: from the end of the warm-up to the end of the loop.
            await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (measureFrom - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pauseBefore = GC.GetTotalPauseDuration();
            var windowStart = Stopwatch.GetTimestamp();
            threads.ForEach(t => t.Join());
            var window = Stopwatch.GetElapsedTime(windowStart);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;

            var total = logged.Sum();
            var floor = options.Sink == "none";
            var received = floor ? total : long.Parse((await http.GetStringAsync("stats")).Split(' ')[0]);
            var batch = options.Batch ?? (options.Sink == "seq" ? 1000 : Configuration.WorkflowTraceDefaults.BufferSize);
            // One batch and one second's worth, plus (durable) the buffer's flush interval: events reach the files every 2 s.
            var allowanceSeconds = 1 + (options.Buffer is null ? 0 : Configuration.WorkflowTraceDefaults.BufferFlushInterval.TotalSeconds);
            var allowance = batch + (long)(options.Rate * allowanceSeconds);

            var histogram = new LatencyHistogram();
            foreach (var h in histograms)
                histogram.Add(h);
            long delivered = -1;
            if (!options.Probe && !floor)
            {
                await Log.CloseAndFlushAsync();
                logger.Dispose();
                delivered = (await ClientRun.WaitForAsync(http, total, TimeSpan.FromSeconds(60))).Events;
            }

            var result = new SteadyResult(options.Name, options.Rate, options.Threads, total,
                measuredLogged.Sum() / window.TotalSeconds,
                histogram.PercentileNanoseconds(50), histogram.PercentileNanoseconds(99), histogram.PercentileNanoseconds(99.9), histogram.MaxNanoseconds,
                cpu.TotalSeconds / window.TotalSeconds * 100,
                pause.TotalMilliseconds / window.TotalMinutes,
                total - received, allowance, delivered);
            Console.WriteLine(result.ToLine());
            Console.Out.Flush();
            gcStats?.Print(Console.Error);
            if (options.Probe)
            {
                // A probe's backlog is not waited for: the next probe starts at once.
                DeleteDirectory(bufferDirectory);
                Environment.Exit(0);
            }
            return delivered == -1 || delivered >= total ? 0 : 2;
        }
        finally
        {
            DeleteDirectory(bufferDirectory);
        }
    }

    static void DeleteDirectory(string? directory)
    {
        if (directory is null)
            return;
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }         // the sink's spool may still hold a file open; the OS temp directory is cleaned later
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>One thread's paced loop; returns the calls made in all and in the measured window.</summary>
    static (long All, long Measured) Paced(ILogger context, double rate, long start, long measureFrom, long end, LatencyHistogram histogram)
    {
        var ticksPerEvent = Stopwatch.Frequency / rate;
        var maxBehind = Math.Max(1, (long)(rate * MaxBehindSeconds));
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        var scheduleStart = (double)start;
        long i = 0, measured = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
                return (i, measured);
            var due = (long)((now - scheduleStart) / ticksPerEvent) + 1;
            if (due - i > maxBehind)
            {
                // Behind by more than 5 ms: move the schedule on rather than burst.
                scheduleStart += (due - i - maxBehind) * ticksPerEvent;
                due = i + maxBehind;
            }
            if (i >= due)
            {
                Thread.Sleep(1);
                continue;
            }
            var measuring = now >= measureFrom;
            for (; i < due; i++)
            {
                var before = Stopwatch.GetTimestamp();
                Scenario.Log(context, (int)i);
                var after = Stopwatch.GetTimestamp();
                if (measuring)
                {
                    histogram.Record((long)((after - before) * nanosecondsPerTick));
                    measured++;
                }
            }
        }
    }
}
