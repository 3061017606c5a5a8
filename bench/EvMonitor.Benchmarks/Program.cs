using BenchmarkDotNet.Running;
using EvMonitor.Benchmarks;

// dotnet run -c Release --project bench/EvMonitor.Benchmarks -- --filter '*'   (see docs/performance.md)
// dotnet run -c Release --project bench/EvMonitor.Benchmarks -- --cpu-time     (push parsing in thread CPU time)
if (args is ["--cpu-time"])
    CpuTimeRun.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
