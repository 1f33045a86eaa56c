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

    public static void AddTo(List<LogEventProperty> properties)
    {
        double memory, cpu;
        lock (Gate)
        {
            Sampler.Refresh();
            memory = Sampler.MemoryUsageMb;
            cpu = Sampler.CpuUsagePercent;
        }
        properties.Add(new LogEventProperty("MemoryUsageMb", new ScalarValue(memory)));
        properties.Add(new LogEventProperty("CpuUsagePercent", new ScalarValue(cpu)));
    }
}
