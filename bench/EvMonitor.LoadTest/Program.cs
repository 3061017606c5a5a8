using EvMonitor.LoadTest;

// scripts/load.sh [--fault storage-restart|kill-worker] …   (see docs/performance.md)
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
try
{
    return await LoadRun.RunAsync(options);
}
catch (Exception e)
{
    // The processes it started are stopped by then; the full trace is only noise on a console.
    Console.Error.WriteLine($"The load run failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
