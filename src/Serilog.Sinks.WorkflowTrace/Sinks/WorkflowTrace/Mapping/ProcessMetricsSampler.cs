using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Samples the process's working set and CPU use for <c>memory_usage_mb</c> / <c>cpu_usage_percent</c> when the
/// sampling option is on. At most one sample a second: documents are built in batches, and reading process
/// counters per document would cost more than the document.
/// </summary>
sealed class ProcessMetricsSampler
{
    static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    readonly TimeProvider _time;
    long _lastSampleTimestamp;
    TimeSpan _lastCpuTime;
    bool _sampled;

    public ProcessMetricsSampler(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public double MemoryUsageMb { get; private set; }
    public double CpuUsagePercent { get; private set; }

    /// <summary>Refreshes the figures when the last sample is older than a second. Called from one thread.</summary>
    public void Refresh()
    {
        var now = _time.GetTimestamp();
        if (_sampled && _time.GetElapsedTime(_lastSampleTimestamp, now) < MinimumInterval)
            return;

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        MemoryUsageMb = Math.Round(process.WorkingSet64 / (1024.0 * 1024.0), 2);

        if (_sampled)
        {
            var wall = _time.GetElapsedTime(_lastSampleTimestamp, now);
            var used = (cpu - _lastCpuTime).TotalMilliseconds;
            var percent = wall.TotalMilliseconds > 0 ? used / wall.TotalMilliseconds / Environment.ProcessorCount * 100.0 : 0;
            CpuUsagePercent = Math.Round(Math.Clamp(percent, 0, 100), 2);
        }

        _lastCpuTime = cpu;
        _lastSampleTimestamp = now;
        _sampled = true;
    }
}
