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
return await LoadRun.RunAsync(options);
