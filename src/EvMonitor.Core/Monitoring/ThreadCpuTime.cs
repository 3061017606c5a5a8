using System.Runtime.InteropServices;

namespace EvMonitor.Monitoring;

/// <summary>
/// The CPU time the calling thread has used (Linux's <c>CLOCK_THREAD_CPUTIME_ID</c>): unlike elapsed
/// time it leaves out the time the thread waited for a core, so it tells a stage's own work from
/// its being descheduled on a busy machine. Linux only, as Azure Functions on Flex Consumption is.
/// </summary>
public static class ThreadCpuTime
{
    /// <summary>Whether <see cref="Nanoseconds"/> can be read here.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux();

    /// <summary>Nanoseconds of CPU the calling thread has used since it started; 0 where not <see cref="Available"/>.</summary>
    public static long Nanoseconds()
    {
        if (!Available || clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
            return 0;
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
