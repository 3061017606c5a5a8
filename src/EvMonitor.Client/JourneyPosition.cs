using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>A GPS fix of a trip or charging session, WGS84 degrees.</summary>
/// <param name="Lat">Latitude.</param>
/// <param name="Lng">Longitude.</param>
public sealed record JourneyPosition(
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lng")] double Lng);
