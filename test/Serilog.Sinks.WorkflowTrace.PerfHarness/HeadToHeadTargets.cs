using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The burst head to head's targets (issue 18, point 1), restated against the floor: each cost is compared by the
/// sink's <em>own share</em>, (ours − floor) ÷ (Seq − floor), the part of the cost a sink adds to Serilog's own and can
/// act on; the plain ratio ours ÷ Seq stands beside it. Throughput has no floor (the floor sends nothing).
/// </summary>
static class HeadToHeadTargets
{
    public static void Print(ClientResult ours, ClientResult seq, ClientResult? floor, ClientResult? post)
    {
        Console.WriteLine();
        Console.WriteLine("| measure (medians) | ours | Seq | floor | ours ÷ Seq | own share: (ours − floor) ÷ (Seq − floor) | target | |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---|");
        Throughput("throughput, events/s, ours ÷ Seq", ours.EventsPerSecond, seq.EventsPerSecond, "≥ 4×", v => v >= 4);
        if (post is not null)
            Throughput("throughput ÷ the posting limit (limit: post pre-built bulk bodies, in the Seq column)", ours.EventsPerSecond, post.EventsPerSecond, "≥ 0.7", v => v >= 0.7);
        Share("logging-thread cost per call, µs (wall)", ours, seq, floor, r => r.LoggingMicrosecondsPerCall, "0.000", "≤ 0.25", v => v <= 0.25);
        Share("logging-thread cost per call, µs (CPU)", ours, seq, floor, r => r.LoggingCpuMicrosecondsPerCall, "0.000", "≤ 0.25", v => v <= 0.25);
        Share("bytes allocated per event", ours, seq, floor, r => r.AllocatedBytesPerEvent, "N0", "≤ 0.05", v => v <= 0.05);
        Share("peak working set, MiB, with the backlog below", ours, seq, floor, r => r.PeakWorkingSetBytes / 1048576.0, "N0", "≤ 0.25", v => v <= 0.25);
        Share("process CPU per event, µs", ours, seq, floor, r => r.ProcessCpuMicrosecondsPerEvent, "0.00", "—", null);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backlog: one thread makes all {ours.Events:N0} calls as fast as it can, with the queue limits raised to the run's size (ours queueLimit, Seq queueSizeLimit) so nothing is dropped; ")
            + string.Create(CultureInfo.InvariantCulture, $"the backlog is what the receiver had not yet received when the loop ended (median): ours {ours.BacklogAtLoopEnd:N0}, Seq {seq.BacklogAtLoopEnd:N0} events. ")
            + "The peak working set is the process's over the whole run, which includes that backlog. Targets are judged on the own share where a floor exists.");
    }

    static void Throughput(string measure, double ours, double reference, string target, Func<double, bool> met)
    {
        var ratio = ours / reference;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {ours:N0} | {reference:N0} | — | {ratio:0.00}× | — | {target} | {(met(ratio) ? "met" : "not met")} |"));
    }

    static void Share(string measure, ClientResult ours, ClientResult seq, ClientResult? floor, Func<ClientResult, double> figure, string format, string target, Func<double, bool>? met)
    {
        var (o, s) = (figure(ours), figure(seq));
        var f = floor is null ? double.NaN : figure(floor);
        var share = (o - f) / (s - f);
        var verdict = met is null || double.IsNaN(share) ? "" : met(share) ? "met" : "not met";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {o.ToString(format, CultureInfo.InvariantCulture)} | {s.ToString(format, CultureInfo.InvariantCulture)} | {(double.IsNaN(f) ? "—" : f.ToString(format, CultureInfo.InvariantCulture))} | {o / s:0.00} | {(double.IsNaN(share) ? "—" : share.ToString("0.00", CultureInfo.InvariantCulture))} | {target} | {verdict} |"));
    }
}
