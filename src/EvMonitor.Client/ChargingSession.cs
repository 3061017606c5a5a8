using System.Text.Json.Serialization;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>One charging session of <c>get_charges</c>. A figure the snapshots cannot give is null, never 0.</summary>
/// <param name="Start">The first snapshot's time.</param>
/// <param name="End">The last snapshot's time.</param>
/// <param name="Kind"><c>"ac"</c> (state 10) or <c>"dc"</c> (state 11).</param>
/// <param name="SocStart">The first state of charge, %: the mean over the batteries that sent it.</param>
/// <param name="SocEnd">The last state of charge, %.</param>
/// <param name="EnergyKwh">Energy charged: the integral of the batteries' charging power.</param>
/// <param name="MaxPowerKw">The highest charging power.</param>
/// <param name="AveragePowerKw">Energy ÷ duration.</param>
/// <param name="DurationSeconds">End − start.</param>
/// <param name="Position">The first GPS fix.</param>
/// <param name="Snapshots">How many snapshots the session holds.</param>
public sealed record ChargingSession(
    [property: JsonPropertyName("start"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset Start,
    [property: JsonPropertyName("end"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset End,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("soc_start")] double? SocStart,
    [property: JsonPropertyName("soc_end")] double? SocEnd,
    [property: JsonPropertyName("energy_kwh")] double? EnergyKwh,
    [property: JsonPropertyName("max_power_kw")] double? MaxPowerKw,
    [property: JsonPropertyName("avg_power_kw")] double? AveragePowerKw,
    [property: JsonPropertyName("duration_s")] long DurationSeconds,
    [property: JsonPropertyName("position")] JourneyPosition? Position,
    [property: JsonPropertyName("snapshots")] int Snapshots);
