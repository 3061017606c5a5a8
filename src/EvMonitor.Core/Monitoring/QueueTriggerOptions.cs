using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Monitoring;

/// <summary>The Functions host's queue trigger settings the app itself needs to know, read as the host reads them.</summary>
/// <param name="MaxDequeueCount">After this many failed attempts the host moves a message to the poison queue.</param>
public sealed record QueueTriggerOptions(int MaxDequeueCount)
{
    /// <summary>The host's default when neither host.json nor an app setting names one.</summary>
    public const int DefaultMaxDequeueCount = 5;

    private const string MaxDequeueCountSetting = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    /// <summary>An app setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> wins over host.json, as for the host.</summary>
    /// <param name="hostJsonPath">The app's host.json; the Functions app and the local host have it next to their assemblies.</param>
    public static QueueTriggerOptions FromConfiguration(IConfiguration configuration, string? hostJsonPath = null)
    {
        if (int.TryParse(configuration[MaxDequeueCountSetting], System.Globalization.CultureInfo.InvariantCulture, out var overridden))
            return new QueueTriggerOptions(overridden);
        hostJsonPath ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        var fromFile = File.Exists(hostJsonPath)
            ? JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["queues"]?["maxDequeueCount"]?.GetValue<int>()
            : null;
        return new QueueTriggerOptions(fromFile ?? DefaultMaxDequeueCount);
    }
}
