using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>The vehicle-wide readings of a snapshot (<c>data[i][general]</c>). Null means not measured.</summary>
public record GeneralReadings
{
    /// <summary>km/h.</summary>
    [JsonPropertyName("speed")] public double? Speed { get; init; }

    /// <summary>Remaining range, km.</summary>
    [JsonPropertyName("range")] public double? Range { get; init; }

    /// <summary>0 off, 1 on, 10 charging AC, 11 charging DC (see <see cref="VehicleState"/>).</summary>
    [JsonPropertyName("state")] public int? State { get; init; }

    /// <summary>km.</summary>
    [JsonPropertyName("odometer")] public double? Odometer { get; init; }

    /// <summary>Mean consumption, Wh per 100 km.</summary>
    [JsonPropertyName("watt_100km")] public double? Watt100Km { get; init; }
}
