using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Diagnostics only (HARNESS_GC_STATS=1): what each garbage collection found alive, from the runtime's GC events —
/// bytes promoted out of generations 0 and 1, averaged per collection of each generation.
/// </summary>
sealed class GcStats : EventListener
{
    readonly ConcurrentQueue<(int Generation, long Promoted0, long Promoted1)> _collections = new();
    int _lastGeneration = -1;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    readonly ConcurrentDictionary<string, double> _byKind = new();
    int _startDepth, _startType;
    DateTime _suspendBegin, _gcStart, _restartBegin;
    double _suspendMs, _gcMs, _restartMs;
    int _suspensions;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCSuspendEEBegin_V1": _suspendBegin = e.TimeStamp; break;
            case "GCSuspendEEEnd_V1": _suspendMs += (e.TimeStamp - _suspendBegin).TotalMilliseconds; _suspensions++; break;
            case "GCStart_V2":
                _gcStart = e.TimeStamp;
                _startDepth = Convert.ToInt32(e.Payload![e.PayloadNames!.IndexOf("Depth")]);
                _startType = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("Type")]);
                break;
            case "GCEnd_V1":
                var ms = (e.TimeStamp - _gcStart).TotalMilliseconds;
                _gcMs += ms;
                // Type 1 is a background collection: its time runs beside the application, not in a pause.
                _byKind.AddOrUpdate($"gen{_startDepth}{(_startType == 1 ? " background" : "")}", ms, (_, total) => total + ms);
                break;
            case "GCRestartEEBegin_V1": _restartBegin = e.TimeStamp; break;
            case "GCRestartEEEnd_V1": _restartMs += (e.TimeStamp - _restartBegin).TotalMilliseconds; break;
        }
        if (e.Payload is null || e.PayloadNames is null)
            return;
        if (e.EventName is "GCStart_V2" or "GCStart_V1" or "GCStart")
            _lastGeneration = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("Depth")]);
        else if (e.EventName is "GCHeapStats_V2" or "GCHeapStats_V1" && _lastGeneration >= 0)
            _collections.Enqueue((_lastGeneration,
                Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("TotalPromotedSize0")]),
                Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("TotalPromotedSize1")])));
    }

    public void Print(TextWriter writer)
    {
        writer.WriteLine($"gc time: suspending threads {_suspendMs:N0} ms over {_suspensions} suspensions, collecting {_gcMs:N0} ms ("
            + string.Join(", ", _byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0} ms")) + $"), restarting {_restartMs:N0} ms");
        foreach (var generation in _collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
            writer.WriteLine($"gc gen{generation.Key}: {generation.Count()} collections, promoted per collection: from gen0 {generation.Average(c => c.Promoted0) / 1024:N0} KiB, from gen1 {generation.Average(c => c.Promoted1) / 1024:N0} KiB");
    }
}
