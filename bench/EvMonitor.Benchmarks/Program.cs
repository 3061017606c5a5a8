using BenchmarkDotNet.Running;
using EvMonitor.Benchmarks;

// dotnet run -c Release --project bench/EvMonitor.Benchmarks -- --filter '*'   (see docs/performance.md)
// dotnet run -c Release --project bench/EvMonitor.Benchmarks -- --cpu-time     (push parsing in thread CPU time)
// dotnet run -c Release --project bench/EvMonitor.Benchmarks -- --cpu-time push-path   (the push path's stages)
if (args is ["--cpu-time"])
    CpuTimeRun.Parsing();
else if (args is ["--cpu-time", "push-path"])
    CpuTimeRun.PushPath();
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
