using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>The readings of one motor (<c>motor[m]</c>). Null means not measured.</summary>
public sealed record MotorReadings
{
    /// <summary>Real-time power, W.</summary>
    [JsonPropertyName("watt")] public double? Watt { get; init; }

    /// <summary>rpm.</summary>
    [JsonPropertyName("rpm")] public double? Rpm { get; init; }

    /// <summary>Nm.</summary>
    [JsonPropertyName("torque")] public double? Torque { get; init; }

    /// <summary>Motor temperature, °C.</summary>
    [JsonPropertyName("temp")] public double? Temp { get; init; }

    /// <summary>Coolant temperature, °C.</summary>
    [JsonPropertyName("coolfluid_temp")] public double? CoolfluidTemp { get; init; }

    /// <summary>Coolant pump: 0 off, 1 on.</summary>
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; init; }
}
