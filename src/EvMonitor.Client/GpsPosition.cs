using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>Where the vehicle was (<c>gps</c>): WGS84 degrees, accuracy and altitude in metres.</summary>
/// <param name="Lat">Latitude, −90 to 90.</param>
/// <param name="Lng">Longitude, −180 to 180.</param>
/// <param name="Acc">Accuracy, m, not negative.</param>
public sealed record GpsPosition(
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lng")] double Lng,
    [property: JsonPropertyName("acc")] double Acc)
{
    /// <summary>Altitude, m; optional.</summary>
    [JsonPropertyName("alt")] public double? Alt { get; init; }
}
