namespace EvMonitor.Journeys;

/// <param name="Period"><c>day</c> or <c>month</c>.</param>
public sealed record StatsAnswer(string VehicleId, string Period, string TimeZone, IReadOnlyList<StatsPeriod> Periods) : Api.OkAnswer;
