using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Mapping;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// Process memory and CPU for traces that sample them: one sampler for the process, read at most once a second
/// whatever the number of events (reading the process per event would cost more than the event).
/// </summary>
static class SharedProcessMetrics
{
    static readonly ProcessMetricsSampler Sampler = new();
    static readonly object Gate = new();

    /// <summary>How many properties <see cref="AddTo"/> writes.</summary>
    public const int Count = 2;

    /// <summary>Writes the <see cref="Count"/> properties into <paramref name="properties"/> from <paramref name="index"/> on.</summary>
    public static void AddTo(LogEventProperty[] properties, int index)
    {
        double memory, cpu;
        lock (Gate)
        {
            Sampler.Refresh();
            memory = Sampler.MemoryUsageMb;
            cpu = Sampler.CpuUsagePercent;
        }
        properties[index] = new LogEventProperty("MemoryUsageMb", new ScalarValue(memory));
        properties[index + 1] = new LogEventProperty("CpuUsagePercent", new ScalarValue(cpu));
    }
}
