using System.Text.Json.Serialization;

namespace EvMonitor.Benchmarks;

/// <summary>
/// The baseline's model: a push as plain typed classes, as an app developer would write them for
/// the contract, read by System.Text.Json's source-generated deserializer (no validation, no field
/// paths). Readings are doubles, the type that holds every value of the contract.
/// </summary>
public sealed class PushRequest
{
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("vehicle_id")] public string? VehicleId { get; set; }
    [JsonPropertyName("user-agent")] public string? UserAgent { get; set; }
    [JsonPropertyName("data")] public List<TypedSnapshot> Data { get; set; } = [];
}

public sealed class TypedSnapshot
{
    [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
    [JsonPropertyName("speed")] public double? Speed { get; set; }
    [JsonPropertyName("range")] public double? Range { get; set; }
    [JsonPropertyName("state")] public int? State { get; set; }
    [JsonPropertyName("odometer")] public double? Odometer { get; set; }
    [JsonPropertyName("watt_100km")] public double? Watt100Km { get; set; }
    [JsonPropertyName("motor")] public List<TypedMotor>? Motors { get; set; }
    [JsonPropertyName("batt")] public List<TypedBattery>? Batteries { get; set; }
    [JsonPropertyName("gps")] public TypedGps? Gps { get; set; }
}

public sealed class TypedMotor
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("watt")] public double? Watt { get; set; }
    [JsonPropertyName("rpm")] public double? Rpm { get; set; }
    [JsonPropertyName("torque")] public double? Torque { get; set; }
    [JsonPropertyName("temp")] public double? Temp { get; set; }
    [JsonPropertyName("coolfluid_temp")] public double? CoolfluidTemp { get; set; }
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; set; }
}

public sealed class TypedBattery
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("soc")] public double? Soc { get; set; }
    [JsonPropertyName("soc_wh")] public double? SocWh { get; set; }
    [JsonPropertyName("v")] public double? V { get; set; }
    [JsonPropertyName("vmin")] public double? Vmin { get; set; }
    [JsonPropertyName("vmax")] public double? Vmax { get; set; }
    [JsonPropertyName("i")] public double? I { get; set; }
    [JsonPropertyName("i_charge")] public double? ICharge { get; set; }
    [JsonPropertyName("w")] public double? W { get; set; }
    [JsonPropertyName("w_charge")] public double? WCharge { get; set; }
    [JsonPropertyName("i_charge_max")] public double? IChargeMax { get; set; }
    [JsonPropertyName("i_discharge_max")] public double? IDischargeMax { get; set; }
    [JsonPropertyName("temp")] public double? Temp { get; set; }
    [JsonPropertyName("temp_min")] public double? TempMin { get; set; }
    [JsonPropertyName("temp_max")] public double? TempMax { get; set; }
    [JsonPropertyName("coolfluid_temp")] public double? CoolfluidTemp { get; set; }
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; set; }
    [JsonPropertyName("soh")] public double? Soh { get; set; }
}

public sealed class TypedGps
{
    [JsonPropertyName("lat")] public double? Lat { get; set; }
    [JsonPropertyName("lng")] public double? Lng { get; set; }
    [JsonPropertyName("acc")] public double? Acc { get; set; }
    [JsonPropertyName("alt")] public double? Alt { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PushRequest))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
