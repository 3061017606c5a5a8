namespace EvMonitor.Journeys;

/// <summary>A charging session as <c>get_charges</c> shows it; a figure the snapshots cannot give is null (see <see cref="JourneyFigures"/>).</summary>
/// <param name="Kind"><c>ac</c> or <c>dc</c>.</param>
public sealed record ChargeView(
    long Start,
    long End,
    string Kind,
    double? SocStart,
    double? SocEnd,
    double? EnergyKwh,
    double? MaxPowerKw,
    double? AvgPowerKw,
    long DurationS,
    Position? Position,
    int Snapshots);
