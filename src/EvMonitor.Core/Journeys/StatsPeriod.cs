namespace EvMonitor.Journeys;

/// <summary>One day or month of <c>get_stats</c>: the trips and charging sessions that started in it, summed.</summary>
public sealed record StatsPeriod(
    long Start,
    double? DistanceKm,
    long DrivingS,
    double? EnergyKwh,
    double? WhPerKm,
    double? ChargedAcKwh,
    double? ChargedDcKwh,
    int Trips,
    int Charges);
