using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Vehicles;

namespace EvMonitor.Journeys;

/// <summary><c>POST /api/get_charges</c>.</summary>
public sealed class GetChargesEndpoint(IJourneyStore journeys, VehicleAccess vehicleAccess, Authenticator authenticator)
    : JourneyPageEndpoint(journeys, vehicleAccess, authenticator)
{
    protected override string Name => "get_charges";
    protected override string Prefix => JourneyRows.ChargePrefix;
    protected override OkAnswer Page(string vehicleId, IEnumerable<JourneySummary> runs, string? nextCursor) =>
        new ChargesAnswer(vehicleId, [.. runs.Select(JourneyFigures.Charge)], nextCursor);
}
