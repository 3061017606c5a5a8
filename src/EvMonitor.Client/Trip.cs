using System.Text.Json.Serialization;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>
/// One trip of <c>get_trips</c> (docs/api-extensions.md, "Definitions"). A figure the snapshots
/// cannot give is null, never 0.
/// </summary>
/// <param name="Start">The first snapshot's time.</param>
/// <param name="End">The last snapshot's time.</param>
/// <param name="DistanceKm">The odometer difference, else the length of the GPS path.</param>
/// <param name="DurationSeconds">End − start.</param>
/// <param name="MovingSeconds">Seconds between consecutive snapshots of which either reported a speed above 0.</param>
/// <param name="AverageSpeedKmh">Distance ÷ moving time.</param>
/// <param name="MaxSpeedKmh">The highest speed sent.</param>
/// <param name="SocStart">The first state of charge, %: the mean over the batteries that sent it.</param>
/// <param name="SocEnd">The last state of charge, %.</param>
/// <param name="EnergyKwh">The integral of the motors' power, else the mean <c>watt_100km</c> × distance.</param>
/// <param name="WhPerKm">Energy ÷ distance.</param>
/// <param name="StartPosition">The first GPS fix.</param>
/// <param name="EndPosition">The last GPS fix.</param>
/// <param name="Snapshots">How many snapshots the trip holds.</param>
public sealed record Trip(
    [property: JsonPropertyName("start"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset Start,
    [property: JsonPropertyName("end"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset End,
    [property: JsonPropertyName("distance_km")] double? DistanceKm,
    [property: JsonPropertyName("duration_s")] long DurationSeconds,
    [property: JsonPropertyName("moving_s")] long? MovingSeconds,
    [property: JsonPropertyName("avg_speed_kmh")] double? AverageSpeedKmh,
    [property: JsonPropertyName("max_speed_kmh")] double? MaxSpeedKmh,
    [property: JsonPropertyName("soc_start")] double? SocStart,
    [property: JsonPropertyName("soc_end")] double? SocEnd,
    [property: JsonPropertyName("energy_kwh")] double? EnergyKwh,
    [property: JsonPropertyName("wh_per_km")] double? WhPerKm,
    [property: JsonPropertyName("start_position")] JourneyPosition? StartPosition,
    [property: JsonPropertyName("end_position")] JourneyPosition? EndPosition,
    [property: JsonPropertyName("snapshots")] int Snapshots);
