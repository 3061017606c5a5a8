using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Vehicles;

namespace EvMonitor.Journeys;

/// <summary><c>POST /api/get_trips</c>.</summary>
public sealed class GetTripsEndpoint(IJourneyStore journeys, VehicleAccess vehicleAccess, Authenticator authenticator)
    : JourneyPageEndpoint(journeys, vehicleAccess, authenticator)
{
    protected override string Name => "get_trips";
    protected override string Prefix => JourneyRows.TripPrefix;
    protected override OkAnswer Page(string vehicleId, IEnumerable<JourneySummary> runs, string? nextCursor) =>
        new TripsAnswer(vehicleId, [.. runs.Select(JourneyFigures.Trip)], nextCursor);
}
