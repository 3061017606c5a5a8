using System.Text.Json.Nodes;
using EvMonitor.Auth;
using EvMonitor.Vehicles;

namespace EvMonitor.Journeys;

/// <summary><c>POST /api/get_charges</c>.</summary>
public sealed class GetChargesEndpoint(IJourneyStore journeys, VehicleAccess vehicleAccess, Authenticator authenticator)
    : JourneyPageEndpoint(journeys, vehicleAccess, authenticator)
{
    protected override string Name => "get_charges";
    protected override string Prefix => JourneyRows.ChargePrefix;
    protected override string ListField => "charges";
    protected override JsonObject ToJson(JourneySummary run) => JourneyFigures.Charge(run);
}
