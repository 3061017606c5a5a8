using EvMonitor.Monitoring;

namespace EvMonitor.Benchmarks;

/// <summary>
/// Benchmarks measured in CPU time of the measuring thread rather than elapsed time, taking turns in
/// short batches: on a machine where other work takes the cores, a thread's CPU time leaves out the
/// time it waited for one, which elapsed time does not. (It still includes what sharing caches
/// costs.) Prints the minimum and median per operation, the ratio of each to the first case's, and
/// the bytes the thread allocated per operation (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, exact).
/// </summary>
public static class CpuTimeRun
{
    private const int Rounds = 60;
    private const int CallsPerBatch = 400;

    /// <summary><see cref="PushParsing"/>'s baseline, form and JSON, per snapshot, for whole and decimal readings.</summary>
    public static void Parsing()
    {
        foreach (var readings in new[] { "whole", "decimal" })
        {
            var bench = new PushParsing { Readings = readings };
            bench.Setup();
            Measure($"Readings={readings}", "snapshot", 10,
            [
                ("STJ source-generated (baseline)", bench.SourceGeneratedJson),
                ("form", () => bench.Form().AsTask().GetAwaiter().GetResult()),
                ("JSON", () => bench.Json().AsTask().GetAwaiter().GetResult()),
            ]);
        }
    }

    /// <summary><see cref="PushPath"/>'s stages, per push; ratios against message building as it was.</summary>
    public static void PushPath()
    {
        var bench = new PushPath();
        bench.Setup();
        Measure("Push path of a 10-snapshot JSON push", "push", 1,
        [
            ("message building, before (baseline)", bench.PackOld),
            ("message building", bench.Pack),
            ("parse and validation (JSON)", () => bench.Parse().AsTask().GetAwaiter().GetResult()),
            ("token check (kept)", () => bench.Token().GetAwaiter().GetResult()?.Length ?? 0),
            ("ownership check (kept)", () => (int)bench.Ownership().GetAwaiter().GetResult()),
            ("stage timer, one push's laps", bench.Timer),
            ("stage timer with thread CPU", bench.TimerWithCpu),
            ("whole push but the enqueue", () => bench.Push().GetAwaiter().GetResult()),
        ]);
    }

    private static void Measure(string title, string unit, int unitsPerCall, (string Name, Func<int> Call)[] cases)
    {
        if (!ThreadCpuTime.Available)
            throw new InvalidOperationException("The CPU-time run needs Linux (CLOCK_THREAD_CPUTIME_ID).");
        var times = cases.Select(_ => new List<double>()).ToArray();
        var allocated = new long[cases.Length];
        for (var round = -10; round < Rounds; round++) // the first 10 rounds warm up
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var (start, bytes) = (ThreadCpuTime.Nanoseconds(), GC.GetAllocatedBytesForCurrentThread());
                for (var i = 0; i < CallsPerBatch; i++)
                    cases[c].Call();
                var microseconds = (ThreadCpuTime.Nanoseconds() - start) / 1000.0 / CallsPerBatch / unitsPerCall;
                if (round >= 0)
                {
                    times[c].Add(microseconds);
                    allocated[c] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                }
            }
        }
        var baseline = times[0].Min();
        var baselineMedian = Median(times[0]);
        Console.WriteLine($"{title}, {Rounds} rounds of {CallsPerBatch} calls, CPU µs and bytes allocated per {unit}:");
        for (var c = 0; c < cases.Length; c++)
        {
            var (min, median) = (times[c].Min(), Median(times[c]));
            var bytes = allocated[c] / ((double)Rounds * CallsPerBatch * unitsPerCall);
            Console.WriteLine($"  {cases[c].Name,-36} min {min,8:F3}  median {median,8:F3}  ratio (min) {min / baseline,5:F2}  ratio (median) {median / baselineMedian,5:F2}  {bytes,8:F0} B");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
