using System.Text.Json.Serialization;

namespace EvMonitor.Telemetry;

/// <summary>One validated reading of a vehicle at one moment, as it travels on the queue (see <see cref="SnapshotConverter"/>).</summary>
[JsonConverter(typeof(SnapshotConverter))]
public sealed class Snapshot
{
    /// <summary>When the values were measured, Unix seconds (UTC).</summary>
    public long Timestamp { get; set; }

    public Readings General { get; } = new(TelemetryGroup.General);

    /// <summary>In index order.</summary>
    public List<Component>? Motors { get; set; }

    /// <summary>In index order.</summary>
    public List<Component>? Batteries { get; set; }

    public Readings? Gps { get; set; }
}

/// <summary>
/// What one push puts on the queue (a large push is split into several). <see cref="ReceivedAt"/>
/// orders pushes of the same snapshot: the normalizer keeps the one received last, whatever order
/// the messages are processed in.
/// </summary>
public sealed class TelemetryMessage
{
    [JsonPropertyName("v")] public int Version { get; set; } = 1;
    [JsonPropertyName("push_id")] public string PushId { get; set; } = "";
    [JsonPropertyName("vehicle_id")] public string VehicleId { get; set; } = "";
    [JsonPropertyName("user_agent")] public string? UserAgent { get; set; }
    [JsonPropertyName("received_at")] public DateTimeOffset ReceivedAt { get; set; }
    [JsonPropertyName("snapshots")] public List<Snapshot> Snapshots { get; set; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TelemetryMessage))]
[JsonSerializable(typeof(Snapshot))]
public sealed partial class TelemetryJsonContext : JsonSerializerContext;
