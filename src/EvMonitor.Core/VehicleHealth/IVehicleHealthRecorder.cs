namespace EvMonitor.VehicleHealth;

/// <summary>
/// Counts the refused pushes that <c>get_vehicle_health</c> shows; what was stored is counted where
/// it is stored (<see cref="DeliveryFigures"/>).
/// </summary>
public interface IVehicleHealthRecorder
{
    /// <summary>A push for a vehicle that its token owns, refused with <paramref name="code"/>.</summary>
    void Rejected(string vehicleId, string code);
}
