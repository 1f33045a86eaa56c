using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// The end-to-end read: one run of 10,000 and one of 100,000 entries in the loopback server (a process of its own),
/// each read whole through <see cref="WorkflowTraceReader.ReadRunAsync"/> by a fresh process per round, which reports
/// the time, the entries per second, the reader process's CPU and bytes allocated per entry, and the largest managed
/// heap seen. A heap that does not grow with the run shows the read is streamed. The time includes the loopback
/// server's own work (a test server, much slower than Elasticsearch); the CPU and allocation are the reader's alone.
/// </summary>
static class ReadRun
{
    const string Index = "workflow-traces";
    static readonly int[] Sizes = [10_000, 100_000];
    static readonly string HarnessPath = typeof(ReadRun).Assembly.Location;

    public static async Task<int> OrchestrateAsync(HarnessOptions options)
    {
        using var server = Start(["fake-es"]);
        var url = (await server.StandardOutput.ReadLineAsync())!.Replace("LISTENING ", "").TrimEnd('/') + "/";
        var rounds = options.RoundsGiven ?? 3;
        Console.WriteLine($"# Reading one run whole (ReadRunAsync, page size 1,000) from the loopback server; {rounds} rounds, medians");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        try
        {
            // The sink writes first, as in real use: it installs its template, so the index has the contract's mapping.
            using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: url, indexName: Index).CreateLogger())
                logger.Information("The harness's index is in place");
            foreach (var size in Sizes)
                await ReadSeeding.SeedAsync(new Uri(url), Index, RunIdFor(size), size);

            Console.WriteLine();
            Console.WriteLine("| entries in the run | read time (s) | entries/s | reader CPU µs/entry | allocated B/entry | largest managed heap (MB) | gen0/gen1/gen2 GCs |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
            foreach (var size in Sizes)
            {
                var results = new List<JsonElement>();
                for (var round = 0; round < rounds; round++)
                {
                    using var client = Start(["read-client", "--url", url, "--events", size.ToString(CultureInfo.InvariantCulture)]);
                    var line = await client.StandardOutput.ReadLineAsync();
                    await client.WaitForExitAsync();
                    if (client.ExitCode != 0 || line is null)
                    {
                        Console.Error.WriteLine($"  read of {size:N0} failed: {await client.StandardError.ReadToEndAsync()}");
                        continue;
                    }
                    results.Add(JsonDocument.Parse(line).RootElement.Clone());
                    Console.Error.WriteLine($"  {size:N0}: {line}");
                }
                if (results.Count == 0)
                    return 1;
                double Median(string name) => results.Select(r => r.GetProperty(name).GetDouble()).OrderBy(v => v).ElementAt(results.Count / 2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {Median("seconds"):0.00} | {Median("entriesPerSecond"):N0} | {Median("readerCpuMicrosecondsPerEntry"):0.0} | {Median("bytesPerEntry"):N0} | {Median("peakHeapMb"):0.0} | {Median("gen0"):0}/{Median("gen1"):0}/{Median("gen2"):0} |"));
            }
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    /// <summary>One measured read, in its own process: prints one JSON line of figures.</summary>
    public static async Task<int> ReadAsync(HarnessOptions options)
    {
        var size = options.Events;
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = options.Url, IndexName = Index });

        // Warm up (compile the read path) on the first pages of the run, as a long-running reader would be.
        var warmed = 0;
        await foreach (var _ in reader.ReadRunAsync(RunIdFor(size)))
        {
            if (++warmed == 3_000)
                break;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peakHeap = GC.GetTotalMemory(false);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(2, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0;
        await foreach (var entry in reader.ReadRunAsync(RunIdFor(size)))
        {
            if (entry.RunId is null)
                throw new InvalidOperationException("an entry without run_id");
            count++;
        }
        clock.Stop();
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        sampling.Cancel();
        await sampler;
        if (count != size)
            throw new InvalidOperationException($"read {count} entries of {size}");

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            entries = count,
            seconds = clock.Elapsed.TotalSeconds,
            entriesPerSecond = count / clock.Elapsed.TotalSeconds,
            bytesPerEntry = (double)allocatedBytes / count,
            readerCpuMicrosecondsPerEntry = cpuTime.TotalMicroseconds / count,
            peakHeapMb = peakHeap / 1048576.0,
            gen0 = GC.CollectionCount(0) - gen0,
            gen1 = GC.CollectionCount(1) - gen1,
            gen2 = GC.CollectionCount(2) - gen2,
        }));
        return 0;
    }

    static string RunIdFor(int size) => $"harness-read-{size}";

    static Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(HarnessPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }
}
