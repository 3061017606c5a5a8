using System.Text.Json.Serialization;
using Azure.Data.Tables;
using EvMonitor.Telemetry;

namespace EvMonitor.Journeys;

/// <summary>
/// What trips and charging sessions need from one snapshot. It is made the same way from a queued
/// snapshot and from its stored rows (batteries and motors in index order), so the figures do not
/// depend on which of the two a derivation read.
/// </summary>
/// <param name="Soc">The mean state of charge over the batteries that sent one, %.</param>
/// <param name="MotorWatt">The sum of the motors' power, W; null when no motor sent it.</param>
/// <param name="ChargeWatt">The sum over batteries of v × i_charge (else w_charge), W; null when no battery sent either.</param>
/// <param name="Consumption">watt_100km, Wh per 100 km.</param>
public sealed record JourneyPoint(
    [property: JsonPropertyName("t")] long Time,
    [property: JsonPropertyName("s")] int State,
    [property: JsonPropertyName("v")] double? Speed,
    [property: JsonPropertyName("o")] double? Odometer,
    [property: JsonPropertyName("la")] double? Lat,
    [property: JsonPropertyName("ln")] double? Lng,
    [property: JsonPropertyName("c")] double? Soc,
    [property: JsonPropertyName("mw")] double? MotorWatt,
    [property: JsonPropertyName("cw")] double? ChargeWatt,
    [property: JsonPropertyName("wk")] double? Consumption)
{
    public bool HasFix => Lat is not null && Lng is not null;

    /// <summary>Null for a snapshot without <c>state</c>: it belongs to no trip or session and splits none.</summary>
    public static JourneyPoint? From(Snapshot s)
    {
        if (s.General["state"] is not { } state)
            return null;
        var motors = (s.Motors ?? []).OrderBy(m => m.Index).Select(m => m["watt"]);
        var batteries = (s.Batteries ?? []).OrderBy(b => b.Index).ToList();
        return new JourneyPoint(s.Timestamp, (int)state, s.General["speed"], s.General["odometer"], s.Gps?["lat"], s.Gps?["lng"],
            Mean(batteries.Select(b => b["soc"])),
            Sum(motors),
            Sum(batteries.Select(b => ChargePower(b["v"], b["i_charge"], b["w_charge"]))),
            s.General["watt_100km"]);
    }

    /// <summary>The same from a stored snapshot row and its motor and battery rows (in row-key order, which is index order).</summary>
    public static JourneyPoint? From(TableEntity snapshot, IReadOnlyList<TableEntity> components)
    {
        if (Number(snapshot, "State") is not { } state)
            return null;
        var motors = components.Where(c => c.GetString("Kind") == TelemetryRows.KindMotor).OrderBy(c => c.GetInt32("Index"));
        var batteries = components.Where(c => c.GetString("Kind") == TelemetryRows.KindBattery).OrderBy(c => c.GetInt32("Index")).ToList();
        return new JourneyPoint(snapshot.GetInt64("UnixTime")!.Value, (int)state,
            Number(snapshot, "Speed"), Number(snapshot, "Odometer"), Number(snapshot, "GpsLat"), Number(snapshot, "GpsLng"),
            Mean(batteries.Select(b => Number(b, "Soc"))),
            Sum(motors.Select(m => Number(m, "Watt"))),
            Sum(batteries.Select(b => ChargePower(Number(b, "V"), Number(b, "ICharge"), Number(b, "WCharge")))),
            Number(snapshot, "Watt100Km"));
    }

    /// <summary>The stored columns <see cref="From(TableEntity, IReadOnlyList{TableEntity})"/> reads.</summary>
    public static readonly string[] Columns = ["RowKey", "Kind", "Index", "UnixTime", "State", "Speed", "Odometer", "GpsLat", "GpsLng", "Watt100Km", "Watt", "Soc", "V", "ICharge", "WCharge"];

    private static double? ChargePower(double? v, double? iCharge, double? wCharge) => v * iCharge ?? wCharge;

    private static double? Sum(IEnumerable<double?> values)
    {
        double? sum = null;
        foreach (var v in values)
        {
            if (v is { } x)
                sum = (sum ?? 0) + x;
        }
        return sum;
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : Sum(known) / known.Count;
    }

    // Readings may be stored as whole or decimal numbers, so any numeric type is read as a double.
    private static double? Number(TableEntity entity, string name) =>
        entity.TryGetValue(name, out var value) ? value switch
        {
            int i => i,
            long l => l,
            double d => d,
            _ => null,
        } : null;
}
