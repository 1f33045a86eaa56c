using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Steady load (issue 18, point 2): the scenario's event logged at a fixed rate by 1 and by 4 threads, through ours in
/// memory, ours with <c>bufferPath</c>, Seq, and the floor, at 10,000 and 50,000 events/s and at the highest rate each
/// sink sustains; every run a fresh process (<see cref="SteadyClient"/>), against the loopback receiver.
/// </summary>
/// <remarks>
/// "Sustains" (<see cref="SteadyResult.Sustained"/>): over a probe, the threads made at least 95 % of the calls the
/// schedule asked for, and when it ended the receiver was behind what was logged by no more than one batch (ours
/// 5,000, Seq 1,000) plus one second's worth of events (plus the 2-s flush interval of the durable buffer, whose
/// events reach its files, and from there the wire, every 2 s). The search doubles from 10,000 events/s while probes
/// pass, then bisects three times between the last pass and the first fail; the rate found is then run for the full
/// duration like the fixed ones. The floor is not searched (it sends nothing): it runs at 10,000, 50,000 and at our
/// in-memory sink's highest rate, so each of our rates has the floor's tail beside it.
/// </remarks>
static class SteadyMode
{
    const string Ours = "ours", Durable = "durable", Seq = "seq", None = "none";
    static readonly int[] FixedRates = [10_000, 50_000];
    const int SearchCap = 1_280_000;

    public static async Task<int> RunAsync(HarnessOptions options)
    {
        LatencyHistogram.SelfCheck();
        using var server = Orchestrator.StartChild(["server"]);
        var url = (await server.StandardOutput.ReadLineAsync())?.Replace("LISTENING ", "").TrimEnd('/') + "/";
        var threadCounts = options.ThreadsGiven ? new[] { options.Threads } : [1, 4];
        Console.WriteLine($"# Steady load: the scenario's event at a fixed rate; loopback receiver at {url}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Each run: 1 s unmeasured warm-up, then {options.DurationSeconds:0.#} s measured{(options.DurationSeconds < 60 ? " (shortened from the issue's 60 s)" : "")}; 1 round; probes of the search {options.ProbeSeconds:0.#} s; threads {string.Join(" and ", threadCounts)}; sinks {string.Join(", ", options.Sinks)}"));
        try
        {
            // The receiver is warmed up (its code compiled) by one unreported probe through each sink.
            foreach (var sink in new[] { Seq, Ours })
                await RunChildAsync(Configure(options, url, sink, 1, 10_000, probe: true));

            var searches = new List<(string Sink, int Threads, int Rate, string Probes)>();
            var runs = new List<SteadyResult>();
            foreach (var threads in threadCounts)
            {
                var highest = new Dictionary<string, int>();
                foreach (var sink in options.Sinks.Where(s => s != None))
                {
                    var (rate, probes) = await SearchAsync(options, url, sink, threads);
                    highest[sink] = rate;
                    searches.Add((Describe(sink), threads, rate, probes));
                    Console.Error.WriteLine($"  highest sustained, {Describe(sink)}, {threads} thread(s): {rate:N0} ({probes})");
                }
                foreach (var sink in options.Sinks)
                {
                    var rates = FixedRates.Concat(sink == None ? highest.TryGetValue(Ours, out var o) ? [o] : [] : [highest[sink]]).Distinct();
                    foreach (var rate in rates)
                    {
                        if (await RunChildAsync(Configure(options, url, sink, threads, rate, probe: false)) is { } result)
                            runs.Add(result);
                    }
                }
            }
            SteadyReport.Print(searches, runs);
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
                server.Kill(entireProcessTree: true);
        }
    }

    static async Task<(int Rate, string Probes)> SearchAsync(HarnessOptions options, string url, string sink, int threads)
    {
        var probes = new List<string>();
        async Task<bool> Passes(int rate)
        {
            var result = await RunChildAsync(Configure(options, url, sink, threads, rate, probe: true));
            var passed = result is { Sustained: true };
            probes.Add(string.Create(CultureInfo.InvariantCulture, $"{rate / 1000}k {(passed ? "✓" : "✗")}"));
            return passed;
        }

        int pass = 0, fail = 0;
        for (var rate = 10_000; rate <= SearchCap; rate *= 2)
        {
            if (await Passes(rate))
                pass = rate;
            else
            {
                fail = rate;
                break;
            }
        }
        if (fail == 0)
            return (pass, string.Join(", ", probes) + $" (search stops at {SearchCap:N0})");
        var low = pass == 0 ? 1_000 : pass;
        for (var step = 0; step < 3; step++)
        {
            var middle = (low + fail) / 2 / 1000 * 1000;
            if (middle <= low)
                break;
            if (await Passes(middle))
                low = middle;
            else
                fail = middle;
        }
        return (pass == 0 && low == 1_000 ? 0 : low, string.Join(", ", probes));
    }

    static HarnessOptions Configure(HarnessOptions options, string url, string sink, int threads, int rate, bool probe)
    {
        var seconds = probe ? options.ProbeSeconds : options.DurationSeconds;
        return options with
        {
            Mode = "steady-client",
            Url = url,
            Sink = sink == Durable ? Ours : sink,
            Buffer = sink == Durable ? HarnessLogger.Durable : null,
            Batch = sink == Seq ? 1000 : null,
            Threads = threads,
            Rate = rate,
            Probe = probe,
            DurationSeconds = seconds,
            // Queue limits with room for the whole run: a sink falling behind shows as a backlog, not as drops.
            Events = (int)Math.Clamp(rate * (seconds + 2), 100_000, int.MaxValue),
            Name = Describe(sink),
        };
    }

    internal static string Describe(string sink) => sink switch
    {
        Ours => "WorkflowTrace in memory",
        Durable => "WorkflowTrace durable (bufferPath)",
        Seq => "Serilog.Sinks.Seq 9.1.0",
        None => "floor: Serilog alone",
        _ => sink,
    };

    static async Task<SteadyResult?> RunChildAsync(HarnessOptions options)
    {
        using var child = Orchestrator.StartChild(options.SteadyArguments());
        SteadyResult? result = null;
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
            result = SteadyResult.Parse(line) ?? result;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || result is null)
            Console.Error.WriteLine($"  ! {options.Name} at {options.Rate:N0}/s: exit {child.ExitCode}: {await child.StandardError.ReadToEndAsync()}");
        else
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(options.Probe ? "probe" : "run")} {result.Name} t={result.Threads} {result.Rate:N0}/s: achieved {result.AchievedRate:N0}, p99.9 {result.P999Nanoseconds / 1000.0:0.0} µs, CPU {result.CpuPercent:0}%, backlog {result.BacklogAtEnd:N0} (allowed {result.BacklogAllowance:N0})"));
        return result;
    }
}
