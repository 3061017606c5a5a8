using System.Text.Json.Serialization;

namespace EvMonitor.Journeys;

/// <summary>
/// The figures of one run of snapshots (a trip or a charging session) in a form that merges: the
/// summary of two adjacent runs is <see cref="Merge"/> of theirs, which needs only their boundary
/// snapshots. A live drive therefore extends its trip from the stored summary alone, without
/// reading the trip's snapshots again.
/// </summary>
/// <remarks>
/// Every sum is kept in whole units (seconds, millimetres, joules, thousandths) and each term is
/// rounded on its own before it is added, so sums are exact and do not depend on the order in
/// which parts were merged: any way of assembling the same snapshots gives the same figures.
/// </remarks>
public sealed record JourneySummary
{
    [JsonPropertyName("k")] public required JourneyKind Kind { get; init; }
    [JsonPropertyName("n")] public required int Count { get; init; }
    [JsonPropertyName("f")] public required JourneyPoint First { get; init; }
    [JsonPropertyName("l")] public required JourneyPoint Last { get; init; }

    /// <summary>The first and last snapshot with a GPS fix.</summary>
    [JsonPropertyName("ff")] public JourneyPoint? FirstFix { get; init; }
    [JsonPropertyName("lf")] public JourneyPoint? LastFix { get; init; }
    [JsonPropertyName("fo")] public double? FirstOdometer { get; init; }
    [JsonPropertyName("lo")] public double? LastOdometer { get; init; }
    [JsonPropertyName("on")] public int OdometerCount { get; init; }
    [JsonPropertyName("fs")] public double? FirstSoc { get; init; }
    [JsonPropertyName("ls")] public double? LastSoc { get; init; }
    [JsonPropertyName("ms")] public double? MaxSpeed { get; init; }
    [JsonPropertyName("sn")] public int SpeedCount { get; init; }

    /// <summary>Seconds between consecutive snapshots of which either reported a speed above 0.</summary>
    [JsonPropertyName("mv")] public long MovingSeconds { get; init; }

    /// <summary>Length of the path through consecutive GPS fixes.</summary>
    [JsonPropertyName("gm")] public long GpsMillimetres { get; init; }

    /// <summary>Trapezoid integral of motor power over intervals where both ends sent it.</summary>
    [JsonPropertyName("mj")] public long MotorJoules { get; init; }
    [JsonPropertyName("mi")] public int MotorIntervals { get; init; }

    /// <summary>Trapezoid integral of battery charging power over intervals where both ends sent it.</summary>
    [JsonPropertyName("cj")] public long ChargeJoules { get; init; }
    [JsonPropertyName("ci")] public int ChargeIntervals { get; init; }
    [JsonPropertyName("mc")] public double? MaxChargeWatt { get; init; }

    /// <summary>Sum of watt_100km readings in thousandths of Wh per 100 km, and how many were sent.</summary>
    [JsonPropertyName("wk")] public long ConsumptionMilli { get; init; }
    [JsonPropertyName("wn")] public int ConsumptionCount { get; init; }

    public long Start => First.Time;
    public long End => Last.Time;

    public static JourneySummary Of(JourneyPoint p) => new()
    {
        Kind = JourneyKinds.Of(p.State),
        Count = 1,
        First = p,
        Last = p,
        FirstFix = p.HasFix ? p : null,
        LastFix = p.HasFix ? p : null,
        FirstOdometer = p.Odometer,
        LastOdometer = p.Odometer,
        OdometerCount = p.Odometer is null ? 0 : 1,
        FirstSoc = p.Soc,
        LastSoc = p.Soc,
        MaxSpeed = p.Speed,
        SpeedCount = p.Speed is null ? 0 : 1,
        MaxChargeWatt = p.ChargeWatt,
        ConsumptionMilli = p.Consumption is { } c ? (long)Math.Round(c * 1000) : 0,
        ConsumptionCount = p.Consumption is null ? 0 : 1,
    };

    /// <summary>The summary of <paramref name="a"/> followed by <paramref name="b"/>; every snapshot of a is before every snapshot of b.</summary>
    public static JourneySummary Merge(JourneySummary a, JourneySummary b)
    {
        if (a.End >= b.Start)
            throw new ArgumentException($"Runs overlap: one ends at {a.End}, the next starts at {b.Start}.", nameof(b));
        var (p, q) = (a.Last, b.First);
        var seconds = q.Time - p.Time;
        var motor = Trapezoid(p.MotorWatt, q.MotorWatt, seconds);
        var charge = Trapezoid(p.ChargeWatt, q.ChargeWatt, seconds);
        var gps = a.LastFix is { } from && b.FirstFix is { } to ? (long)Math.Round(GeoDistance.Metres(from.Lat!.Value, from.Lng!.Value, to.Lat!.Value, to.Lng!.Value) * 1000) : 0;
        return new JourneySummary
        {
            Kind = a.Kind,
            Count = a.Count + b.Count,
            First = a.First,
            Last = b.Last,
            FirstFix = a.FirstFix ?? b.FirstFix,
            LastFix = b.LastFix ?? a.LastFix,
            FirstOdometer = a.OdometerCount > 0 ? a.FirstOdometer : b.FirstOdometer,
            LastOdometer = b.OdometerCount > 0 ? b.LastOdometer : a.LastOdometer,
            OdometerCount = a.OdometerCount + b.OdometerCount,
            FirstSoc = a.FirstSoc ?? b.FirstSoc,
            LastSoc = b.LastSoc ?? a.LastSoc,
            MaxSpeed = Max(a.MaxSpeed, b.MaxSpeed),
            SpeedCount = a.SpeedCount + b.SpeedCount,
            MovingSeconds = a.MovingSeconds + b.MovingSeconds + (p.Speed > 0 || q.Speed > 0 ? seconds : 0),
            GpsMillimetres = a.GpsMillimetres + b.GpsMillimetres + gps,
            MotorJoules = a.MotorJoules + b.MotorJoules + (motor ?? 0),
            MotorIntervals = a.MotorIntervals + b.MotorIntervals + (motor is null ? 0 : 1),
            ChargeJoules = a.ChargeJoules + b.ChargeJoules + (charge ?? 0),
            ChargeIntervals = a.ChargeIntervals + b.ChargeIntervals + (charge is null ? 0 : 1),
            MaxChargeWatt = Max(a.MaxChargeWatt, b.MaxChargeWatt),
            ConsumptionMilli = a.ConsumptionMilli + b.ConsumptionMilli,
            ConsumptionCount = a.ConsumptionCount + b.ConsumptionCount,
        };
    }

    private static long? Trapezoid(double? from, double? to, long seconds) =>
        from is { } x && to is { } y ? (long)Math.Round((x + y) / 2 * seconds) : null;

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
