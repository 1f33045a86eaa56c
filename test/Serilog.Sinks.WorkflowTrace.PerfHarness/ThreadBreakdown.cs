namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Diagnostics only (HARNESS_THREADS=1, Linux): CPU seconds per thread name of this process, from
/// <c>/proc/self/task</c>, so a run shows where its CPU went (logging thread, batching loop, thread pool, tiered
/// compiler, garbage collector). Threads that have exited are not counted.
/// </summary>
static class ThreadBreakdown
{
    public static void Print(TextWriter writer)
    {
        if (!Directory.Exists("/proc/self/task"))
            return;
        var byName = new Dictionary<string, (double Seconds, int Threads)>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = System.IO.File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After the name: state is field 3, utime 14 and stime 15 (1-based, in clock ticks of 1/100 s).
                var seconds = (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
                var (s, n) = byName.GetValueOrDefault(name);
                byName[name] = (s + seconds, n + 1);
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }
        foreach (var (name, (seconds, threads)) in byName.OrderByDescending(p => p.Value.Seconds))
            writer.WriteLine($"  cpu {seconds,6:0.00} s  {name} ({threads})");
    }
}
