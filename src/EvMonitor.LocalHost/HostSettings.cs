namespace EvMonitor.LocalHost;

/// <summary>The parts of host.json the local host honours, read the way the Functions host reads them.</summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    /// <summary>Like the Functions host, an app setting <c>AzureFunctionsJobHost__extensions__queues__…</c> overrides the file.</summary>
    public static HostSettings Load(string path, IConfiguration configuration)
    {
        var file = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        string? Read(string key) => configuration["AzureFunctionsJobHost:" + key] ?? file[key];
        var defaults = new QueueSettings();
        var batchSize = IntOr(Read("extensions:queues:batchSize"), defaults.BatchSize);
        return new HostSettings(
            Read("extensions:http:routePrefix") ?? "api",
            new QueueSettings
            {
                BatchSize = batchSize,
                NewBatchThreshold = IntOr(Read("extensions:queues:newBatchThreshold"), batchSize / 2),
                MaxDequeueCount = IntOr(Read("extensions:queues:maxDequeueCount"), defaults.MaxDequeueCount),
                VisibilityTimeout = TimeSpanOr(Read("extensions:queues:visibilityTimeout"), defaults.VisibilityTimeout),
                MaxPollingInterval = TimeSpanOr(Read("extensions:queues:maxPollingInterval"), defaults.MaxPollingInterval),
            });
    }

    private static int IntOr(string? text, int fallback) =>
        int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static TimeSpan TimeSpanOr(string? text, TimeSpan fallback) =>
        text is not null && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>Defaults are the Functions host's own.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched once this few messages are still being processed (the host's default: half a batch).</summary>
    public int NewBatchThreshold { get; init; } = 8;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
}
