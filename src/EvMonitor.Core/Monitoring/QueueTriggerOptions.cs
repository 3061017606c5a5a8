using System.Text.Json.Nodes;
using EvMonitor.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.Monitoring;

/// <summary>
/// The Functions host's queue trigger settings the app itself needs to know, read as the host reads
/// them: host.json, which an app setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>
/// overrides. The host owns them; the app only reads them.
/// </summary>
public sealed record QueueTriggerOptions : ISettings
{
    public static string Section => "AzureFunctionsJobHost:extensions:queues";

    /// <summary>The host's default when neither host.json nor an app setting names one.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>After this many failed attempts the host moves a message to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = DefaultMaxDequeueCount;

    public IEnumerable<string> Problems() => SettingRules.AtLeast(Section, nameof(MaxDequeueCount), MaxDequeueCount, 1);

    /// <summary>host.json's value first, then the app setting over it.</summary>
    /// <param name="hostJsonPath">The app's host.json; the Functions app and the local host have it next to their assemblies.</param>
    public static void Register(IServiceCollection services, string? hostJsonPath = null)
    {
        services.AddOptions<QueueTriggerOptions>().Configure(options =>
        {
            if (FromHostJson(hostJsonPath ?? Path.Combine(AppContext.BaseDirectory, "host.json")) is { } fromFile)
                options.MaxDequeueCount = fromFile;
        });
        services.AddSettings<QueueTriggerOptions>();
    }

    private static int? FromHostJson(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"]?["maxDequeueCount"]?.GetValue<int>() : null;
}
