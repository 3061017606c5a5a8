using System.Text.Json.Nodes;

namespace EvMonitor.LocalHost;

/// <summary>The parts of host.json the local host honours, read the way the Functions host reads them.</summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public static HostSettings Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? new JsonObject();
        var extensions = root["extensions"];
        var queues = extensions?["queues"];
        var defaults = new QueueSettings();
        return new HostSettings(
            (string?)extensions?["http"]?["routePrefix"] ?? "api",
            new QueueSettings
            {
                BatchSize = (int?)queues?["batchSize"] ?? defaults.BatchSize,
                MaxDequeueCount = (int?)queues?["maxDequeueCount"] ?? defaults.MaxDequeueCount,
                VisibilityTimeout = TimeSpanOr((string?)queues?["visibilityTimeout"], defaults.VisibilityTimeout),
                MaxPollingInterval = TimeSpanOr((string?)queues?["maxPollingInterval"], defaults.MaxPollingInterval),
            });
    }

    private static TimeSpan TimeSpanOr(string? text, TimeSpan fallback) =>
        text is not null && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>Defaults are the Functions host's own.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a received message stays hidden while it is processed: a crashed worker's messages come back after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);
}
