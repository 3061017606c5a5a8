using System.Text.Json.Serialization;

namespace EvMonitor.Client.Wire;

/// <summary>A snapshot in the push's shape: motors, batteries and GPS sit inside <c>general</c>.</summary>
internal sealed record PushedSnapshot(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("general")] PushedGeneral? General)
{
    public static PushedSnapshot From(TelemetrySnapshot snapshot)
    {
        var hasParts = snapshot.General is not null || snapshot.Motors.Count > 0 || snapshot.Batteries.Count > 0 || snapshot.Gps is not null;
        return new PushedSnapshot(
            snapshot.Timestamp.ToUnixTimeSeconds(),
            hasParts ? new PushedGeneral(snapshot.General ?? new GeneralReadings())
            {
                Motor = snapshot.Motors.Count > 0 ? snapshot.Motors : null,
                Batt = snapshot.Batteries.Count > 0 ? snapshot.Batteries : null,
                Gps = snapshot.Gps,
            } : null);
    }
}

/// <summary>
/// The general readings with the indexed parts after them, as the documented examples order them;
/// an index goes out as an object key (<c>{"0":{…}}</c>).
/// </summary>
internal sealed record PushedGeneral : GeneralReadings
{
    public PushedGeneral(GeneralReadings readings) : base(readings)
    {
    }

    [JsonPropertyName("motor"), JsonPropertyOrder(1)] public IDictionary<int, MotorReadings>? Motor { get; init; }

    [JsonPropertyName("batt"), JsonPropertyOrder(1)] public IDictionary<int, BatteryReadings>? Batt { get; init; }

    [JsonPropertyName("gps"), JsonPropertyOrder(1)] public GpsPosition? Gps { get; init; }
}
