using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>The steady mode's tables: the search for each sink's highest sustained rate, every run, and the targets.</summary>
static class SteadyReport
{
    public static void Print(List<(string Sink, int Threads, int Rate, string Probes)> searches, List<SteadyResult> runs)
    {
        Console.WriteLine();
        Console.WriteLine("## Highest rate sustained without the queue growing");
        Console.WriteLine();
        Console.WriteLine("| sink | threads | highest sustained events/s | probes (✓ sustained, ✗ not) |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var s in searches)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Sink} | {s.Threads} | {s.Rate:N0} | {s.Probes} |"));

        foreach (var threads in runs.Select(r => r.Threads).Distinct())
        {
            Console.WriteLine();
            Console.WriteLine($"## {threads} logging thread{(threads == 1 ? "" : "s")}");
            Console.WriteLine();
            Console.WriteLine("| run | events/s asked | achieved | p50 µs | p99 µs | p99.9 µs | max µs | process CPU % | CPU % per 10,000 events/s | GC pause ms per minute | backlog at end (allowed) | all arrived |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in runs.Where(r => r.Threads == threads))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Rate:N0} | {r.AchievedRate:N0} | {Micro(r.P50Nanoseconds)} | {Micro(r.P99Nanoseconds)} | {Micro(r.P999Nanoseconds)} | {Micro(r.MaxNanoseconds)} | {r.CpuPercent:0.0} | {r.CpuPercentPer10k:0.00} | {r.GcPauseMillisecondsPerMinute:0} | {(r.Name.StartsWith("floor", StringComparison.Ordinal) ? "—" : $"{r.BacklogAtEnd:N0} ({r.BacklogAllowance:N0})")} | {Arrived(r)} |"));
            }
        }
        PrintTargets(runs);
        Console.WriteLine();
        Console.WriteLine("Latency: Stopwatch.GetTimestamp() around each logging call (measured window only), into a log-linear histogram with "
            + "2 significant digits (a percentile is its bucket's upper edge, within 10 % above the true value; max exact). "
            + "CPU: the process's CPU time over the measured window ÷ its wall time (100 % = one core), including the sink's "
            + "background work and the pacer's sleeps; per 10,000 events/s divides by the achieved rate. GC pause: GC.GetTotalPauseDuration() over the window. "
            + "Backlog: logged minus received by the receiver when the loop ended. All arrived: after closing the logger, the receiver had every event (waited up to 60 s).");
    }

    static void PrintTargets(List<SteadyResult> runs)
    {
        Console.WriteLine();
        Console.WriteLine("## Targets (at the same rate and thread count)");
        Console.WriteLine();
        Console.WriteLine("| measure | threads | events/s | ours | reference | ratio | target | |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---|");
        SteadyResult? Find(string sink, int threads, int rate) =>
            runs.FirstOrDefault(r => r.Name == SteadyMode.Describe(sink) && r.Threads == threads && r.Rate == rate);
        foreach (var ours in runs.Where(r => r.Name == SteadyMode.Describe("ours") || r.Name == SteadyMode.Describe("durable")))
        {
            var who = ours.Name == SteadyMode.Describe("ours") ? "ours" : "ours durable";
            if (Find("none", ours.Threads, ours.Rate) is { } floor)
                Row($"p99.9 of the call, {who} ÷ floor", ours, Micro(ours.P999Nanoseconds) + " µs", Micro(floor.P999Nanoseconds) + " µs",
                    ours.P999Nanoseconds / (double)floor.P999Nanoseconds, "≤ 2", v => v <= 2);
            if (Find("seq", ours.Threads, ours.Rate) is { } seq)
            {
                Row($"p99.9 of the call, {who} ÷ Seq", ours, Micro(ours.P999Nanoseconds) + " µs", Micro(seq.P999Nanoseconds) + " µs",
                    ours.P999Nanoseconds / (double)seq.P999Nanoseconds, "≤ 0.25", v => v <= 0.25);
                Row($"process CPU per event, {who} ÷ Seq", ours, $"{ours.CpuPercentPer10k:0.00} %", $"{seq.CpuPercentPer10k:0.00} %",
                    ours.CpuPercentPer10k / seq.CpuPercentPer10k, "≤ 0.33", v => v <= 1 / 3.0);
            }
        }
    }

    static void Row(string measure, SteadyResult ours, string value, string reference, double ratio, string target, Func<double, bool> met) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {ours.Threads} | {ours.Rate:N0} | {value} | {reference} | {ratio:0.00} | {target} | {(met(ratio) ? "met" : "not met")} |"));

    static string Arrived(SteadyResult r) =>
        r.Delivered < 0 ? "—" : r.Delivered >= r.Logged ? $"yes ({r.Logged:N0})" : $"no: {r.Delivered:N0} of {r.Logged:N0}";

    static string Micro(long nanoseconds) => (nanoseconds / 1000.0).ToString(nanoseconds < 10_000 ? "0.00" : "N0", CultureInfo.InvariantCulture);
}
