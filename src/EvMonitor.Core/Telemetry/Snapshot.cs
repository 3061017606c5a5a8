using System.Text.Json.Serialization;

namespace EvMonitor.Telemetry;

/// <summary>One validated reading of a vehicle at one moment, as it travels on the queue.</summary>
public sealed class Snapshot
{
    /// <summary>When the values were measured, Unix seconds (UTC).</summary>
    [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
    [JsonPropertyName("speed")] public int? Speed { get; set; }
    [JsonPropertyName("range")] public int? Range { get; set; }
    [JsonPropertyName("state")] public int? State { get; set; }
    [JsonPropertyName("odometer")] public int? Odometer { get; set; }
    [JsonPropertyName("watt_100km")] public int? Watt100Km { get; set; }
    [JsonPropertyName("motor")] public List<Motor>? Motors { get; set; }
    [JsonPropertyName("batt")] public List<Battery>? Batteries { get; set; }
    [JsonPropertyName("gps")] public Gps? Gps { get; set; }
}

public sealed class Motor
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("watt")] public int? Watt { get; set; }
    [JsonPropertyName("rpm")] public int? Rpm { get; set; }
    [JsonPropertyName("torque")] public int? Torque { get; set; }
    [JsonPropertyName("temp")] public int? Temp { get; set; }
    [JsonPropertyName("coolfluid_temp")] public int? CoolfluidTemp { get; set; }
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; set; }
}

public sealed class Battery
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("soc")] public int? Soc { get; set; }
    [JsonPropertyName("soc_wh")] public int? SocWh { get; set; }
    [JsonPropertyName("v")] public int? V { get; set; }
    [JsonPropertyName("vmin")] public int? Vmin { get; set; }
    [JsonPropertyName("vmax")] public int? Vmax { get; set; }
    [JsonPropertyName("i")] public int? I { get; set; }
    [JsonPropertyName("i_charge")] public int? ICharge { get; set; }
    [JsonPropertyName("w")] public int? W { get; set; }
    [JsonPropertyName("w_charge")] public int? WCharge { get; set; }
    [JsonPropertyName("i_charge_max")] public int? IChargeMax { get; set; }
    [JsonPropertyName("i_discharge_max")] public int? IDischargeMax { get; set; }
    [JsonPropertyName("temp")] public int? Temp { get; set; }
    [JsonPropertyName("temp_min")] public int? TempMin { get; set; }
    [JsonPropertyName("temp_max")] public int? TempMax { get; set; }
    [JsonPropertyName("coolfluid_temp")] public int? CoolfluidTemp { get; set; }
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; set; }
    [JsonPropertyName("soh")] public int? Soh { get; set; }
}

public sealed class Gps
{
    [JsonPropertyName("lat")] public double? Lat { get; set; }
    [JsonPropertyName("lng")] public double? Lng { get; set; }
    [JsonPropertyName("acc")] public int? Acc { get; set; }
    [JsonPropertyName("alt")] public double? Alt { get; set; }
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
