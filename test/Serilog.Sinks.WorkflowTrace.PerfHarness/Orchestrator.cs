using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Runs everything in one process tree: the loopback receiver in one child process, and every measured run in a
/// fresh child of its own; several rounds, medians reported, ours beside Serilog.Sinks.Seq.
/// </summary>
static class Orchestrator
{
    static readonly string HarnessPath = typeof(Orchestrator).Assembly.Location;

    public static async Task<int> RunAsync(HarnessOptions options)
    {
        using var server = StartChild(["server"]);
        var url = (await server.StandardOutput.ReadLineAsync())?.Replace("LISTENING ", "").TrimEnd('/') + "/";
        Console.WriteLine($"# Loopback receiver at {url}; {options.Events:N0} events per run, {options.Rounds} rounds, medians");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        try
        {
            var durable = options.Mode == "durable";
            var configurations = (options.Matrix ? MatrixConfigurations(options, url)
                : durable ? DurableMode.Configurations(options, url)
                : HeadToHead(options, url)).ToList();

            // The receiver stands in for a long-running server: it is warmed up (its code compiled) by one unmeasured
            // run of each sink before anything is measured, so that the first measured runs do not share the cores
            // with the receiver's own JIT work.
            foreach (var sink in new[] { "seq", "ours" })
            {
                var warmUp = configurations.First(c => c.Mode == "client" && c.Sink == sink) with { Events = Math.Min(options.Events, 300_000), Name = $"warm-up {sink}" };
                var warmed = await RunChildAsync(warmUp);
                Console.Error.WriteLine($"  receiver warm-up with {warmUp.Events:N0} events through {sink}: " + (warmed is null ? "failed" : Format(warmed)));
            }

            // Rounds go round the configurations in turn, so that every configuration sees the machine in the same
            // states over the run (a neighbour's load, the receiver's heap) rather than one configuration getting them all.
            var rounds = configurations.Select(_ => new List<ClientResult>()).ToList();
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var c = 0; c < configurations.Count; c++)
                {
                    if (await RunChildAsync(configurations[c]) is { } result)
                        rounds[c].Add(result);
                }
            }

            var results = new List<(HarnessOptions Options, ClientResult Median)>();
            for (var c = 0; c < configurations.Count; c++)
            {
                if (rounds[c].Count == 0)
                    continue;
                var median = Median(configurations[c].Name, rounds[c]);
                results.Add((configurations[c], median));
                Console.Error.WriteLine($"  {Format(median)}");
            }

            if (durable)
            {
                DurableMode.Print(configurations, rounds, results.Select(r => r.Median).ToList());
                return 0;
            }
            PrintTable(results.Select(r => r.Median).ToList());
            if (!options.Matrix)
            {
                PrintRatios(results.Select(r => r.Median).ToList());
                var seqAt = configurations.FindIndex(c => c.Sink == "seq" && c.Mode == "client");
                var oursAt = configurations.FindIndex(c => c.Sink == "ours" && c.Mode == "client");
                if (seqAt >= 0 && oursAt >= 0)
                    PrintPairedRounds(rounds[seqAt], rounds[oursAt]);
            }
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
                server.Kill(entireProcessTree: true);
        }
    }

    static IEnumerable<HarnessOptions> HeadToHead(HarnessOptions options, string url)
    {
        yield return options with { Mode = "limit-serialize", Url = url, Name = "limit: serialise document" };
        yield return options with { Mode = "limit-post", Url = url, Name = "limit: post pre-built bulk bodies" };
        yield return options with { Mode = "client", Sink = "seq", Url = url, Batch = 1000, Name = "Serilog.Sinks.Seq 9.1.0" };
        yield return options with { Mode = "client", Sink = "ours", Url = url, Name = "WorkflowTrace" };
        yield return options with { Mode = "client", Sink = "none", Url = url, Name = FloorName };
    }

    /// <summary>The run through a sink that does nothing: Serilog's own cost of the call, which no sink can go under.</summary>
    internal const string FloorName = "floor: Serilog alone (no-op sink)";

    static IEnumerable<HarnessOptions> MatrixConfigurations(HarnessOptions options, string url)
    {
        foreach (var threads in new[] { 1, 2, 4 })
        {
            yield return options with { Mode = "client", Sink = "seq", Url = url, Threads = threads, Batch = 1000, Name = $"seq t={threads} batch=1000" };
            foreach (var batch in new[] { 100, 1000, 5000 })
            foreach (var gzip in new[] { false, true })
                yield return options with { Mode = "client", Sink = "ours", Url = url, Threads = threads, Batch = batch, Gzip = gzip, Name = $"ours t={threads} batch={batch}{(gzip ? " gzip" : " plain")}" };
        }
    }

    static async Task<ClientResult?> RunChildAsync(HarnessOptions options)
    {
        string[] arguments = options.Mode == "client"
            ? options.ClientArguments()
            : [options.Mode, "--url", options.Url, "--events", options.Events.ToString(CultureInfo.InvariantCulture), "--name", options.Name];
        using var child = StartChild(arguments);
        string? line;
        ClientResult? result = null;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            result = ClientResult.Parse(line) ?? result;
        }
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
            Console.Error.WriteLine($"  ! {options.Name}: exit {child.ExitCode}: {await child.StandardError.ReadToEndAsync()}");
        return result;
    }

    internal static Process StartChild(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(HarnessPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    internal static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static ClientResult Median(string name, List<ClientResult> rounds) => new(
        name,
        rounds[0].Events,
        MedianOf(rounds.Select(r => r.EventsPerSecond)),
        MedianOf(rounds.Select(r => r.LoggingMicrosecondsPerCall)),
        MedianOf(rounds.Select(r => r.AllocatedBytesPerEvent)),
        (long)MedianOf(rounds.Select(r => (double)r.PeakWorkingSetBytes)),
        MedianOf(rounds.Select(r => r.WireBytesPerEvent)),
        (long)MedianOf(rounds.Select(r => (double)r.Delivered)),
        MedianOf(rounds.Select(r => r.LoggingCpuMicrosecondsPerCall)),
        MedianOf(rounds.Select(r => r.ProcessCpuMicrosecondsPerEvent)),
        MedianOf(rounds.Select(r => r.PeakDiskBytesPerEvent)),
        MedianOf(rounds.Select(r => r.WrittenDiskBytesPerEvent)),
        MedianOf(rounds.Select(r => r.BacklogAtLoopEnd)));

    static string Format(ClientResult r) =>
        $"{r.Name}: {r.EventsPerSecond:N0} ev/s, {r.LoggingMicrosecondsPerCall:0.000} µs/call ({r.LoggingCpuMicrosecondsPerCall:0.000} CPU), {r.ProcessCpuMicrosecondsPerEvent:0.00} process CPU µs/ev, {r.AllocatedBytesPerEvent:N0} B/ev, peak {r.PeakWorkingSetBytes / 1048576.0:N0} MiB, {r.WireBytesPerEvent:N0} wire B/ev"
        + (double.IsNaN(r.PeakDiskBytesPerEvent) ? "" : $", {r.PeakDiskBytesPerEvent:N0} disk B/ev at the fullest, {r.WrittenDiskBytesPerEvent:N0} written B/ev");

    static void PrintTable(List<ClientResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("| run | events/s | µs of logging thread per call (wall) | of which CPU | process CPU µs per event | bytes allocated per event | peak working set (MiB) | bytes per event on the wire |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var isLimit = r.Name.StartsWith("limit", StringComparison.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {Cell(false, r.EventsPerSecond, "N0")} | {Cell(isLimit, r.LoggingMicrosecondsPerCall, "0.000")} | {Cell(isLimit, r.LoggingCpuMicrosecondsPerCall, "0.000")} | {Cell(isLimit, r.ProcessCpuMicrosecondsPerEvent, "0.00")} | {Cell(isLimit, r.AllocatedBytesPerEvent, "N0")} | {Cell(isLimit, r.PeakWorkingSetBytes / 1048576.0, "N0")} | {Cell(false, r.WireBytesPerEvent, "N0")} |"));
        }
    }

    static string Cell(bool isLimit, double value, string format) =>
        isLimit || double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Each round's Seq run and ours follow each other, so they meet the machine in about the same state: the
    /// ratio of a pair is steadier than the ratio of medians when this shared machine's speed drifts.
    /// </summary>
    static void PrintPairedRounds(List<ClientResult> seq, List<ClientResult> ours)
    {
        var pairs = Math.Min(seq.Count, ours.Count);
        if (pairs == 0)
            return;
        Console.WriteLine();
        Console.WriteLine("| round | Seq events/s | ours events/s | throughput ratio | Seq µs/call (wall) | ours µs/call (wall) | logging-thread ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var throughput = new List<double>();
        var logging = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            throughput.Add(ours[i].EventsPerSecond / seq[i].EventsPerSecond);
            logging.Add(ours[i].LoggingMicrosecondsPerCall / seq[i].LoggingMicrosecondsPerCall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i + 1} | {seq[i].EventsPerSecond:N0} | {ours[i].EventsPerSecond:N0} | {throughput[i]:0.00}× | {seq[i].LoggingMicrosecondsPerCall:0.000} | {ours[i].LoggingMicrosecondsPerCall:0.000} | {logging[i]:0.00} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| median of {pairs} pairs | | | {MedianOf(throughput):0.00}× (range {throughput.Min():0.00}–{throughput.Max():0.00}) | | | {MedianOf(logging):0.00} (range {logging.Min():0.00}–{logging.Max():0.00}) |"));
    }

    static void PrintRatios(List<ClientResult> results)
    {
        var seq = results.FirstOrDefault(r => r.Name.StartsWith("Serilog.Sinks.Seq", StringComparison.Ordinal));
        var ours = results.FirstOrDefault(r => r.Name == "WorkflowTrace");
        var post = results.FirstOrDefault(r => r.Name.StartsWith("limit: post", StringComparison.Ordinal));
        var floor = results.FirstOrDefault(r => r.Name == FloorName);
        if (seq is null || ours is null)
            return;
        HeadToHeadTargets.Print(ours, seq, floor, post);
    }
}
