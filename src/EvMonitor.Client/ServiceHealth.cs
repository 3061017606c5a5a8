using System.Text.Json.Serialization;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary><c>health</c>: whether the service's storage answers. Nothing about any user.</summary>
/// <param name="Version">The app's build.</param>
/// <param name="CheckedAt">When storage was checked; one check serves every caller for 5 seconds.</param>
/// <param name="Tables"><c>reachable</c> or <c>unreachable</c>.</param>
/// <param name="Queues"><c>reachable</c> or <c>unreachable</c>.</param>
/// <param name="TelemetryQueueDepth">Pushes waiting to be normalized; null when a queue is unreachable.</param>
/// <param name="PoisonQueueDepth">Messages that failed every attempt; null when a queue is unreachable.</param>
public sealed record ServiceHealth(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("checked_at"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CheckedAt,
    [property: JsonPropertyName("tables")] string Tables,
    [property: JsonPropertyName("queues")] string Queues,
    [property: JsonPropertyName("telemetry_queue_depth")] long? TelemetryQueueDepth,
    [property: JsonPropertyName("poison_queue_depth")] long? PoisonQueueDepth)
{
    /// <summary>True when tables and queues both answer (the service said <c>200</c>, not <c>503</c>).</summary>
    [JsonIgnore] public bool IsHealthy => Tables == "reachable" && Queues == "reachable";
}
