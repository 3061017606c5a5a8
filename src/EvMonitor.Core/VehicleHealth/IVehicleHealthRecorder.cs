using EvMonitor.Telemetry;

namespace EvMonitor.VehicleHealth;

/// <summary>Counts what <c>get_vehicle_health</c> shows, as pushes are answered and messages stored.</summary>
public interface IVehicleHealthRecorder
{
    /// <summary>A queue message stored: <paramref name="written"/> snapshots, <paramref name="repushed"/> of them replacing one an earlier push had stored.</summary>
    void Stored(TelemetryMessage message, int written, int repushed);

    /// <summary>A push for a vehicle that its token owns, refused with <paramref name="code"/>.</summary>
    void Rejected(string vehicleId, string code);
}
