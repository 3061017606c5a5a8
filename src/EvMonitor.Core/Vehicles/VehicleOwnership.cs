namespace EvMonitor.Vehicles;

/// <summary>What <see cref="VehicleAccess"/> found out about a vehicle and a user.</summary>
public enum VehicleOwnership
{
    Owned,
    NotFound,
    OtherOwner,
}
