using System.Runtime.InteropServices;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): what a logging loop really spent, without
/// the time the thread waited for a core. NaN where the clock is not available.
/// </summary>
static partial class ThreadCpu
{
    const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
            return double.NaN;
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? time.Seconds + time.Nanoseconds / 1e9 : double.NaN;
        }
        catch (DllNotFoundException)
        {
            return double.NaN;
        }
    }
}
