using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>The readings of one battery pack (<c>batt[b]</c>). Null means not measured.</summary>
public sealed record BatteryReadings
{
    /// <summary>State of charge, % (0–100).</summary>
    [JsonPropertyName("soc")] public double? Soc { get; init; }

    /// <summary>State of charge, Wh.</summary>
    [JsonPropertyName("soc_wh")] public double? SocWh { get; init; }

    /// <summary>Pack voltage, V.</summary>
    [JsonPropertyName("v")] public double? V { get; init; }

    /// <summary>Lowest cell voltage, mV.</summary>
    [JsonPropertyName("vmin")] public double? Vmin { get; init; }

    /// <summary>Highest cell voltage, mV.</summary>
    [JsonPropertyName("vmax")] public double? Vmax { get; init; }

    /// <summary>Current while driving, A.</summary>
    [JsonPropertyName("i")] public double? I { get; init; }

    /// <summary>Current while charging, A.</summary>
    [JsonPropertyName("i_charge")] public double? ICharge { get; init; }

    /// <summary>Power while driving, W.</summary>
    [JsonPropertyName("w")] public double? W { get; init; }

    /// <summary>Power while charging, W.</summary>
    [JsonPropertyName("w_charge")] public double? WCharge { get; init; }

    /// <summary>The BMS's limit for the charge current, A.</summary>
    [JsonPropertyName("i_charge_max")] public double? IChargeMax { get; init; }

    /// <summary>The BMS's limit for the discharge current, A.</summary>
    [JsonPropertyName("i_discharge_max")] public double? IDischargeMax { get; init; }

    /// <summary>Battery temperature, °C.</summary>
    [JsonPropertyName("temp")] public double? Temp { get; init; }

    /// <summary>Coldest cell, °C.</summary>
    [JsonPropertyName("temp_min")] public double? TempMin { get; init; }

    /// <summary>Hottest cell, °C.</summary>
    [JsonPropertyName("temp_max")] public double? TempMax { get; init; }

    /// <summary>Coolant temperature, °C.</summary>
    [JsonPropertyName("coolfluid_temp")] public double? CoolfluidTemp { get; init; }

    /// <summary>Coolant pump: 0 off, 1 on.</summary>
    [JsonPropertyName("coolfluid_pump")] public int? CoolfluidPump { get; init; }

    /// <summary>State of health, % (0–100).</summary>
    [JsonPropertyName("soh")] public double? Soh { get; init; }
}
