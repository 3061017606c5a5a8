namespace EvMonitor.Journeys;

/// <summary>A trip as <c>get_trips</c> shows it; a figure the snapshots cannot give is null (see <see cref="JourneyFigures"/>).</summary>
public sealed record TripView(
    long Start,
    long End,
    double? DistanceKm,
    long DurationS,
    double? MovingS,
    double? AvgSpeedKmh,
    double? MaxSpeedKmh,
    double? SocStart,
    double? SocEnd,
    double? EnergyKwh,
    double? WhPerKm,
    Position? StartPosition,
    Position? EndPosition,
    int Snapshots);
