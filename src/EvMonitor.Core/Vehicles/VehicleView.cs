using EvMonitor.Domain;

namespace EvMonitor.Vehicles;

/// <summary>A vehicle as the original service showed it: every value a string.</summary>
public sealed record VehicleView(string Id, string UserId, string Make, string Model, string Nickname, string Plan, string TimeZone)
{
    public static VehicleView Of(Vehicle vehicle) =>
        new(vehicle.Id, vehicle.UserId, vehicle.MakeId, vehicle.ModelId, vehicle.Nickname, vehicle.Plan, vehicle.TimeZone);
}
