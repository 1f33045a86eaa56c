using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>What one steady-load run (or probe) measured; printed as one JSON line for <see cref="SteadyMode"/>.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="Rate">The rate asked for, events per second, all threads together.</param>
/// <param name="Threads">Logging threads.</param>
/// <param name="Logged">Logging calls made.</param>
/// <param name="AchievedRate">Calls made ÷ the loop's seconds: below <paramref name="Rate"/> when the threads fell behind the schedule.</param>
/// <param name="P50Nanoseconds">The logging call's latency, 50th percentile.</param>
/// <param name="P99Nanoseconds">99th percentile.</param>
/// <param name="P999Nanoseconds">99.9th percentile.</param>
/// <param name="MaxNanoseconds">The slowest call.</param>
/// <param name="CpuPercent">Process CPU over the loop, % of one core.</param>
/// <param name="GcPauseMillisecondsPerMinute">GC pause time during the loop, per minute of loop.</param>
/// <param name="BacklogAtEnd">Logged minus received by the loopback receiver when the loop ended.</param>
/// <param name="BacklogAllowance">The backlog under which the sink is said to keep up (see <see cref="SteadyMode"/>).</param>
/// <param name="Delivered">Events the receiver had at the end (after closing the logger and waiting); -1 for a probe and the floor.</param>
sealed record SteadyResult(
    string Name,
    int Rate,
    int Threads,
    long Logged,
    double AchievedRate,
    long P50Nanoseconds,
    long P99Nanoseconds,
    long P999Nanoseconds,
    long MaxNanoseconds,
    double CpuPercent,
    double GcPauseMillisecondsPerMinute,
    long BacklogAtEnd,
    long BacklogAllowance,
    long Delivered)
{
    const string Prefix = "STEADY ";

    /// <summary>The sink kept up: the threads made at least 95 % of the calls the schedule asked for (a 3-s probe on this shared 2-core machine loses 2–3 % to pauses even where the receiver keeps up), and the receiver was no further behind than the allowance.</summary>
    public bool Sustained => AchievedRate >= Rate * 0.95 && BacklogAtEnd <= BacklogAllowance;

    /// <summary>Process CPU % per 10,000 events/s: the CPU a service pays for each 10,000 events a second it logs.</summary>
    public double CpuPercentPer10k => CpuPercent / (AchievedRate / 10_000);

    /// <summary>The line a child process prints.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this);

    /// <summary>The result a child printed, or null for any other line.</summary>
    public static SteadyResult? Parse(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<SteadyResult>(line[Prefix.Length..]) : null;
}
