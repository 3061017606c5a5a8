using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace EvMonitor.Benchmarks;

/// <summary>
/// One process, 3 warm-up and 5 measured iterations: a run of every benchmark stays within a few
/// minutes on a 2-core machine. What matters is the ratio to the baseline measured in the same run,
/// which survives a noisy machine far better than the absolute times.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.ShortRun.WithIterationCount(5).WithId("ShortRun5"));
        AddDiagnoser(MemoryDiagnoser.Default);
        // Other builds on the machine can make the generated project's build outlast the default 2 minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
