using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The durable buffer's cost (issue 17), side by side in one run: ours in memory, ours with <c>bufferPath</c> (flushed
/// every 2 s, the default), ours writing through (<c>bufferFlushInterval: TimeSpan.Zero</c>, fewer events), Seq in
/// memory, Seq durable (<c>bufferBaseFilename</c>, its defaults) and the floor — every one once per round, in this order.
/// Every durable run gets a fresh empty buffer directory of its own, deleted afterwards.
/// </summary>
static class DurableMode
{
    const string OursInMemory = "WorkflowTrace in memory";
    const string OursDurable = "WorkflowTrace durable (bufferPath, flushed every 2 s)";
    const string SeqInMemory = "Serilog.Sinks.Seq 9.1.0 in memory";
    const string SeqDurable = "Serilog.Sinks.Seq 9.1.0 durable (bufferBaseFilename)";

    public static IEnumerable<HarnessOptions> Configurations(HarnessOptions options, string url)
    {
        var client = options with { Mode = "client", Url = url };
        yield return client with { Sink = "ours", Name = OursInMemory };
        yield return client with { Sink = "ours", Buffer = HarnessLogger.Durable, Name = OursDurable };
        yield return client with
        {
            Sink = "ours", Buffer = HarnessLogger.WriteThrough, Events = options.WriteThroughEvents,
            Name = string.Create(CultureInfo.InvariantCulture, $"WorkflowTrace write-through (bufferFlushInterval 0; {options.WriteThroughEvents:N0} events)"),
        };
        yield return client with { Sink = "seq", Batch = 1000, Name = SeqInMemory };
        yield return client with { Sink = "seq", Batch = 1000, Buffer = HarnessLogger.Durable, Name = SeqDurable };
        yield return client with { Sink = "none", Name = Orchestrator.FloorName };
    }

    /// <summary>The medians' table, each round's pairs, and the targets with "met" or "not met".</summary>
    public static void Print(List<HarnessOptions> configurations, List<List<ClientResult>> rounds, List<ClientResult> medians)
    {
        Console.WriteLine($"# Buffer directories under {SampledBufferDirectory.Describe()}, a fresh one per durable run");
        PrintTable(medians);
        List<ClientResult> Runs(Func<HarnessOptions, bool> which) => rounds[configurations.FindIndex(c => which(c))];
        PrintPairedRounds(Runs(c => c.Name == OursInMemory), Runs(c => c.Name == OursDurable), Runs(c => c.Name == SeqDurable),
            Runs(c => c.Buffer == HarnessLogger.WriteThrough));
    }

    static void PrintTable(List<ClientResult> medians)
    {
        Console.WriteLine();
        Console.WriteLine("| run | events | events/s | µs of logging thread per call (wall) | of which CPU | process CPU µs per event | bytes allocated per event | peak working set (MiB) | bytes per event on the wire | bytes on disk per event (buffer at its fullest) | bytes written to buffer files per event |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in medians)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name}{Shortfall(r)} | {r.Events:N0} | {Cell(r.EventsPerSecond, "N0")} | {Cell(r.LoggingMicrosecondsPerCall, "0.000")} | {Cell(r.LoggingCpuMicrosecondsPerCall, "0.000")} | {Cell(r.ProcessCpuMicrosecondsPerEvent, "0.00")} | {Cell(r.AllocatedBytesPerEvent, "N0")} | {Cell(r.PeakWorkingSetBytes / 1048576.0, "N0")} | {Cell(r.WireBytesPerEvent, "N0")} | {Cell(r.PeakDiskBytesPerEvent, "N0")} | {Cell(r.WrittenDiskBytesPerEvent, "N0")} |"));
        }
        Console.WriteLine();
        Console.WriteLine("Bytes on disk per event: the largest total size of the buffer directory, sampled every 100 ms and once when the logging loop ends, ÷ events. "
            + "Bytes written: the sum of each buffer file's largest size seen (shipped files are deleted), ÷ events — a lower bound when a file grows or goes between two samples.");
    }

    static void PrintPairedRounds(List<ClientResult> oursInMemory, List<ClientResult> oursDurable, List<ClientResult> seqDurable, List<ClientResult> writeThrough)
    {
        var pairs = Math.Min(oursInMemory.Count, Math.Min(oursDurable.Count, seqDurable.Count));
        if (pairs == 0)
            return;
        var throughput = new List<double>();
        var wall = new List<double>();
        var cpu = new List<double>();
        var disk = new List<double>();
        var written = new List<double>();
        Console.WriteLine();
        Console.WriteLine("| round | Seq durable events/s | ours durable events/s | throughput ratio | ours in memory µs/call (wall) | ours durable µs/call (wall) | logging-thread ratio (wall) | logging-thread ratio (CPU) | Seq durable disk B/event | ours durable disk B/event | disk ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < pairs; i++)
        {
            var (memory, ours, seq) = (oursInMemory[i], oursDurable[i], seqDurable[i]);
            throughput.Add(ours.EventsPerSecond / seq.EventsPerSecond);
            wall.Add(ours.LoggingMicrosecondsPerCall / memory.LoggingMicrosecondsPerCall);
            cpu.Add(ours.LoggingCpuMicrosecondsPerCall / memory.LoggingCpuMicrosecondsPerCall);
            disk.Add(ours.PeakDiskBytesPerEvent / seq.PeakDiskBytesPerEvent);
            written.Add(ours.WrittenDiskBytesPerEvent / seq.WrittenDiskBytesPerEvent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i + 1} | {seq.EventsPerSecond:N0} | {ours.EventsPerSecond:N0} | {throughput[i]:0.00}× | {memory.LoggingMicrosecondsPerCall:0.000} | {ours.LoggingMicrosecondsPerCall:0.000} | {wall[i]:0.00} | {cpu[i]:0.00} | {seq.PeakDiskBytesPerEvent:N0} | {ours.PeakDiskBytesPerEvent:N0} | {disk[i]:0.00} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"| medians of {pairs} paired rounds | value | range | target | |");
        Console.WriteLine("|---|---:|---:|---|---|");
        Target("throughput, ours durable ÷ Seq durable", throughput, "×", "≥ 3×", v => v >= 3);
        Target("logging-thread cost per call (wall), ours durable ÷ ours in memory", wall, "", "≤ 1.5", v => v <= 1.5);
        Target("logging-thread cost per call (CPU), ours durable ÷ ours in memory", cpu, "", "≤ 1.5", v => v <= 1.5);
        Target("bytes on disk per event (buffer at its fullest), ours ÷ Seq", disk, "", "—", null);
        Target("bytes written to buffer files per event, ours ÷ Seq", written, "", "—", null);
        // What no durable buffer can beat: our in-memory mode against Seq's durable one, round by round.
        Target("ceiling: throughput, ours in memory ÷ Seq durable", oursInMemory.Take(pairs).Zip(seqDurable, (m, s) => m.EventsPerSecond / s.EventsPerSecond).ToList(), "×", "—", null);
        Target("throughput, ours durable ÷ ours in memory", oursDurable.Take(pairs).Zip(oursInMemory, (d, m) => d.EventsPerSecond / m.EventsPerSecond).ToList(), "×", "—", null);
        if (writeThrough.Count > 0)
        {
            // Informative: write-through pays an fsync in every call, by design; no target.
            var rounds = Math.Min(writeThrough.Count, oursInMemory.Count);
            Target("logging-thread cost per call (wall), ours write-through ÷ ours in memory", writeThrough.Take(rounds).Zip(oursInMemory, (w, m) => w.LoggingMicrosecondsPerCall / m.LoggingMicrosecondsPerCall).ToList(), "", "—", null);
            Target("throughput, ours write-through ÷ Seq durable", writeThrough.Take(rounds).Zip(seqDurable, (w, s) => w.EventsPerSecond / s.EventsPerSecond).ToList(), "×", "—", null);
        }
    }

    static void Target(string measure, List<double> ratios, string unit, string target, Func<double, bool>? met)
    {
        var median = Orchestrator.MedianOf(ratios);
        var verdict = met is null || double.IsNaN(median) ? "" : met(median) ? "met" : "not met";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {median:0.00}{unit} | {ratios.Min():0.00}–{ratios.Max():0.00} | {target} | {verdict} |"));
    }

    /// <summary>
    /// A run that did not deliver every event within the wait (5 minutes) says so: its events/s counts only those
    /// delivered. (Seq's durable mode, closed with a large backlog in its files, leaves part of it there for the next process.)
    /// </summary>
    static string Shortfall(ClientResult r) =>
        r.Delivered >= r.Events || r.Name == Orchestrator.FloorName ? "" : string.Create(CultureInfo.InvariantCulture, $" (only {r.Delivered:N0} delivered)");

    static string Cell(double value, string format) =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
