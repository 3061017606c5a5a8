using System.Runtime.InteropServices;

namespace EvMonitor.Benchmarks;

/// <summary>
/// <see cref="PushParsing"/>'s baseline, form and JSON measured in CPU time of the measuring thread
/// rather than elapsed time, taking turns in short batches: on a machine where other work takes the
/// cores, a thread's CPU time leaves out the time it waited for one, which elapsed time does not.
/// (It still includes what sharing caches costs.) Prints the minimum and median per snapshot and
/// the ratio of the minimums, for whole and decimal readings.
/// </summary>
public static class CpuTimeRun
{
    private const int Rounds = 60;
    private const int CallsPerBatch = 400;

    public static void Run()
    {
        foreach (var readings in new[] { "whole", "decimal" })
        {
            var bench = new PushParsing { Readings = readings };
            bench.Setup();
            (string Name, Func<int> Call)[] cases =
            [
                ("STJ source-generated (baseline)", bench.SourceGeneratedJson),
                ("form", () => bench.Form().AsTask().GetAwaiter().GetResult()),
                ("JSON", () => bench.Json().AsTask().GetAwaiter().GetResult()),
            ];
            var times = cases.Select(_ => new List<double>()).ToArray();
            for (var round = -10; round < Rounds; round++) // the first 10 rounds warm up
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    var start = ThreadCpuNanoseconds();
                    for (var i = 0; i < CallsPerBatch; i++)
                        cases[c].Call();
                    var perSnapshotMicroseconds = (ThreadCpuNanoseconds() - start) / 1000.0 / CallsPerBatch / 10;
                    if (round >= 0)
                        times[c].Add(perSnapshotMicroseconds);
                }
            }
            var baseline = times[0].Min();
            var baselineMedian = Median(times[0]);
            Console.WriteLine($"Readings={readings}, {Rounds} rounds of {CallsPerBatch} calls, CPU µs per snapshot:");
            for (var c = 0; c < cases.Length; c++)
            {
                var (min, median) = (times[c].Min(), Median(times[c]));
                Console.WriteLine($"  {cases[c].Name,-32} min {min,7:F3}  median {median,7:F3}  ratio (min) {min / baseline:F2}  ratio (median) {median / baselineMedian:F2}");
            }
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long ThreadCpuNanoseconds()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; the CPU-time run needs Linux.");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
