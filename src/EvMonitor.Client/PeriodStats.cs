using System.Text.Json.Serialization;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>One day or month of <c>get_stats</c>: the trips and sessions that started in it.</summary>
/// <param name="Start">The local midnight that begins the day or month.</param>
/// <param name="DistanceKm">The trips' distance.</param>
/// <param name="DrivingSeconds">The trips' moving time.</param>
/// <param name="EnergyKwh">Over the trips that give it; null when none does (0 without trips).</param>
/// <param name="WhPerKm">Null without trips, or when no trip gives its energy.</param>
/// <param name="ChargedAcKwh">Energy charged in AC sessions.</param>
/// <param name="ChargedDcKwh">Energy charged in DC sessions.</param>
/// <param name="Trips">Trips that started in the period.</param>
/// <param name="Charges">Charging sessions that started in the period.</param>
public sealed record PeriodStats(
    [property: JsonPropertyName("start"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset Start,
    [property: JsonPropertyName("distance_km")] double DistanceKm,
    [property: JsonPropertyName("driving_s")] long DrivingSeconds,
    [property: JsonPropertyName("energy_kwh")] double? EnergyKwh,
    [property: JsonPropertyName("wh_per_km")] double? WhPerKm,
    [property: JsonPropertyName("charged_ac_kwh")] double? ChargedAcKwh,
    [property: JsonPropertyName("charged_dc_kwh")] double? ChargedDcKwh,
    [property: JsonPropertyName("trips")] int Trips,
    [property: JsonPropertyName("charges")] int Charges);

/// <summary>The answer of <c>get_stats</c>.</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Period">What each entry covers.</param>
/// <param name="Periods">Every day or month of the range, in order.</param>
/// <param name="TimeZone">The vehicle's IANA time zone in which the periods start.</param>
public sealed record VehicleStats(string VehicleId, StatsPeriod Period, string TimeZone, IReadOnlyList<PeriodStats> Periods);
