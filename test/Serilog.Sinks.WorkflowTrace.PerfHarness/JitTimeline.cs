using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Diagnostics only (HARNESS_JIT_TIMELINE=1): records every method the runtime compiles, with its tier and the time,
/// and prints per 250 ms how many were compiled at each tier, so a run shows when the hot paths left tier 0.
/// </summary>
sealed class JitTimeline : EventListener
{
    readonly long _start = Stopwatch.GetTimestamp();
    readonly ConcurrentQueue<(double Ms, int Tier, string Name)> _loads = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)(0x10 | 0x2000000000));
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "R2RGetEntryPoint" && e.Payload is not null)
        {
            var ns0 = e.Payload[e.PayloadNames!.IndexOf("MethodNamespace")] as string;
            var name0 = e.Payload[e.PayloadNames.IndexOf("MethodName")] as string;
            _loads.Enqueue((Stopwatch.GetElapsedTime(_start).TotalMilliseconds, 15, $"{ns0}::{name0}"));
            return;
        }
        if (e.EventName is not "MethodLoadVerbose_V1" and not "MethodLoadVerbose_V2" || e.Payload is null) return;
        var flags = Convert.ToInt32(e.Payload[e.PayloadNames!.IndexOf("MethodFlags")]);
        var ns = e.Payload[e.PayloadNames.IndexOf("MethodNamespace")] as string;
        var name = e.Payload[e.PayloadNames.IndexOf("MethodName")] as string;
        _loads.Enqueue((Stopwatch.GetElapsedTime(_start).TotalMilliseconds, (flags >> 7) & 0x7, $"{ns}::{name}"));
    }

    // The runtime's MethodFlags optimization tier (bits 7-9).
    static readonly string[] Tiers = ["unknown", "minopt", "optimized", "tier0", "tier1", "tier1-osr", "tier0-instr", "tier1-instr", "8", "9", "10", "11", "12", "13", "14", "r2r-first-call"];

    static string Owner(string name)
    {
        var parts = name.Split('.');
        return string.Join('.', parts.Take(Math.Min(3, parts.Length - 1)));
    }

    public void Print(TextWriter writer, params string[] watch)
    {
        var loads = _loads.ToArray();
        foreach (var bucket in loads.GroupBy(l => (int)(l.Ms / 250)).OrderBy(g => g.Key))
            writer.WriteLine($"{bucket.Key * 250,6} ms: " + string.Join(", ",
                bucket.GroupBy(l => l.Tier).OrderBy(g => g.Key).Select(g => $"{Tiers[Math.Min(g.Key, Tiers.Length - 1)]} {g.Count()}")));
        if (Environment.GetEnvironmentVariable("HARNESS_JIT_BY_NAMESPACE") is { } until && until.Split('-') is [var fromText, var untilText] &&
            double.TryParse(fromText, out var fromMs) && double.TryParse(untilText, out var untilMs))
            foreach (var owner in loads.Where(l => l.Ms >= fromMs && l.Ms <= untilMs && l.Tier != 15).GroupBy(l => Owner(l.Name)).OrderByDescending(g => g.Count()).Take(25))
                writer.WriteLine($"  {fromMs}-{untilMs} ms {owner.Key,-40} " + string.Join(", ",
                    owner.GroupBy(l => l.Tier).OrderBy(g => g.Key).Select(g => $"{Tiers[Math.Min(g.Key, Tiers.Length - 1)]} {g.Count()}")));
        if (Environment.GetEnvironmentVariable("HARNESS_JIT_FIRST_CALLS") is { } window && window.Split('-') is [var from, var to])
            foreach (var l in loads.Where(l => (l.Tier == 15 || l.Tier == 3) && l.Ms >= double.Parse(from) && l.Ms <= double.Parse(to)))
                writer.WriteLine($"  first {l.Ms,8:0} ms {Tiers[l.Tier],-14} {l.Name}");
        foreach (var w in watch)
            foreach (var l in loads.Where(l => l.Name.Contains(w, StringComparison.Ordinal)))
                writer.WriteLine($"  {l.Ms,8:0} ms {Tiers[Math.Min(l.Tier, Tiers.Length - 1)],-11} {l.Name}");
    }
}
