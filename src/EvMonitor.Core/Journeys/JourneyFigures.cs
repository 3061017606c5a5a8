namespace EvMonitor.Journeys;

/// <summary>
/// The figures apps see, from a <see cref="JourneySummary"/>. A figure the snapshots cannot give
/// (no odometer and fewer than two GPS fixes for a distance, no power readings for energy, …) is
/// null, never 0.
/// </summary>
public static class JourneyFigures
{
    /// <summary>Odometer difference when at least two snapshots sent one, else the GPS path when at least two had a fix; km.</summary>
    public static double? DistanceKm(JourneySummary s) =>
        s.OdometerCount >= 2 ? s.LastOdometer - s.FirstOdometer
        : s.FirstFix is not null && s.FirstFix != s.LastFix ? s.GpsMillimetres / 1e6
        : null;

    public static double? MovingSeconds(JourneySummary s) => s.SpeedCount > 0 ? s.MovingSeconds : null;

    /// <summary>Integral of motor power when it was sent, else mean consumption × distance; kWh.</summary>
    public static double? TripEnergyKwh(JourneySummary s) =>
        s.MotorIntervals > 0 ? s.MotorJoules / 3.6e6
        : s.ConsumptionCount > 0 && DistanceKm(s) is { } km ? s.ConsumptionMilli / 1000.0 / s.ConsumptionCount * km / 100 / 1000
        : null;

    public static double? ChargeEnergyKwh(JourneySummary s) => s.ChargeIntervals > 0 ? s.ChargeJoules / 3.6e6 : null;

    public static TripView Trip(JourneySummary s)
    {
        var distance = DistanceKm(s);
        var moving = MovingSeconds(s);
        var energy = TripEnergyKwh(s);
        return new TripView(
            Start: s.Start,
            End: s.End,
            DistanceKm: Round(distance, 3),
            DurationS: s.End - s.Start,
            MovingS: moving,
            AvgSpeedKmh: Round(distance is { } d && moving is > 0 ? d / (moving.Value / 3600) : null, 1),
            MaxSpeedKmh: s.MaxSpeed,
            SocStart: Round(s.FirstSoc, 2),
            SocEnd: Round(s.LastSoc, 2),
            EnergyKwh: Round(energy, 3),
            WhPerKm: Round(WhPerKm(energy, distance), 1),
            StartPosition: Position.Of(s.FirstFix),
            EndPosition: Position.Of(s.LastFix),
            Snapshots: s.Count);
    }

    public static ChargeView Charge(JourneySummary s)
    {
        var energy = ChargeEnergyKwh(s);
        var duration = s.End - s.Start;
        return new ChargeView(
            Start: s.Start,
            End: s.End,
            Kind: s.Kind == JourneyKind.ChargeDc ? "dc" : "ac",
            SocStart: Round(s.FirstSoc, 2),
            SocEnd: Round(s.LastSoc, 2),
            EnergyKwh: Round(energy, 3),
            MaxPowerKw: Round(s.MaxChargeWatt / 1000, 2),
            AvgPowerKw: Round(energy is { } e && duration > 0 ? e / (duration / 3600.0) : null, 2),
            DurationS: duration,
            Position: Position.Of(s.FirstFix),
            Snapshots: s.Count);
    }

    public static double? WhPerKm(double? kwh, double? km) => kwh is { } e && km is > 0 ? e * 1000 / km.Value : null;

    public static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
