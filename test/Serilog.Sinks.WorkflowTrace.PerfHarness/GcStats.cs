using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Diagnostics only (HARNESS_GC_STATS=1), from the runtime's GC events: the time spent suspending threads,
/// collecting (per generation, background collections apart) and restarting, and what each collection found alive —
/// bytes promoted out of generations 0 and 1, averaged per collection of each generation.
/// </summary>
sealed class GcStats : EventListener
{
    readonly ConcurrentQueue<(int Generation, long Promoted0, long Promoted1)> _collections = new();
    readonly ConcurrentDictionary<string, double> _msByKind = new();
    int _generation = -1, _type;
    DateTime _suspendBegin, _gcStart, _restartBegin;
    double _suspendMs, _gcMs, _restartMs;
    int _suspensions;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspendBegin = e.TimeStamp;
                break;
            case "GCSuspendEEEnd_V1":
                _suspendMs += (e.TimeStamp - _suspendBegin).TotalMilliseconds;
                _suspensions++;
                break;
            case "GCStart_V2":
                _gcStart = e.TimeStamp;
                _generation = Convert.ToInt32(e.Payload![e.PayloadNames!.IndexOf("Depth")]);
                _type = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("Type")]);
                break;
            case "GCEnd_V1":
                var ms = (e.TimeStamp - _gcStart).TotalMilliseconds;
                _gcMs += ms;
                // Type 1 is a background collection: its time runs beside the application, not in a pause.
                _msByKind.AddOrUpdate($"gen{_generation}{(_type == 1 ? " background" : "")}", ms, (_, total) => total + ms);
                break;
            case "GCHeapStats_V2" when _generation >= 0:
                _collections.Enqueue((_generation,
                    Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("TotalPromotedSize0")]),
                    Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("TotalPromotedSize1")])));
                break;
            case "GCRestartEEBegin_V1":
                _restartBegin = e.TimeStamp;
                break;
            case "GCRestartEEEnd_V1":
                _restartMs += (e.TimeStamp - _restartBegin).TotalMilliseconds;
                break;
        }
    }

    public void Print(TextWriter writer)
    {
        writer.WriteLine($"gc time: suspending threads {_suspendMs:N0} ms over {_suspensions} suspensions, collecting {_gcMs:N0} ms ("
            + string.Join(", ", _msByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0} ms")) + $"), restarting {_restartMs:N0} ms");
        foreach (var generation in _collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
            writer.WriteLine($"gc gen{generation.Key}: {generation.Count()} collections, promoted per collection: from gen0 {generation.Average(c => c.Promoted0) / 1024:N0} KiB, from gen1 {generation.Average(c => c.Promoted1) / 1024:N0} KiB");
    }
}
